import { describe, expect, it } from "vitest";
import { RecentMap } from "../src/domain/recent-map.js";

describe("RecentMap", () => {
  it("forgets the least recently used entry once over its capacity", () => {
    const m = new RecentMap<string, number>(2);
    m.set("a", 1);
    m.set("b", 2);
    expect(m.get("a")).toBe(1); // "a" is now the most recent
    m.set("c", 3);
    expect(m.get("b")).toBeUndefined();
    expect(m.get("a")).toBe(1);
    expect(m.get("c")).toBe(3);
    expect(m.size).toBe(2);
  });

  it("setting a key again replaces its value without growing", () => {
    const m = new RecentMap<string, number>(2);
    m.set("a", 1);
    m.set("a", 5);
    expect(m.size).toBe(1);
    expect(m.get("a")).toBe(5);
  });
});
