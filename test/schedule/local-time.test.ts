import { describe, expect, it } from "vitest";
import { parseDailySet, parseDays } from "../../src/schedule/daily-spec.js";
import {
  canonicalTimeZone,
  dateExists,
  instantOf,
  localParts,
  weekdayOf,
} from "../../src/schedule/local-time.js";

describe("local time in IANA time zones", () => {
  it("a normal day: 09:30 in Berlin in winter is 08:30 UTC, in summer 07:30 UTC", () => {
    expect(instantOf("2026-01-15", "09:30", "Europe/Berlin").toISOString()).toBe("2026-01-15T08:30:00.000Z");
    expect(instantOf("2026-07-15", "09:30", "Europe/Berlin").toISOString()).toBe("2026-07-15T07:30:00.000Z");
    expect(instantOf("2026-07-15", "09:30", "Asia/Kolkata").toISOString()).toBe("2026-07-15T04:00:00.000Z");
  });

  it("a time skipped by the spring-forward change moves forward by the gap instead of vanishing", () => {
    const t = instantOf("2026-03-29", "02:30", "Europe/Berlin");
    expect(localParts(t, "Europe/Berlin").time).toBe("03:30");
    expect(localParts(t, "Europe/Berlin").date).toBe("2026-03-29");
    const ny = instantOf("2026-03-08", "02:15", "America/New_York");
    expect(localParts(ny, "America/New_York")).toMatchObject({ date: "2026-03-08", time: "03:15" });
  });

  it("a time that occurs twice on the fall-back day maps to one instant on that date", () => {
    const t = instantOf("2026-10-25", "02:30", "Europe/Berlin");
    expect(localParts(t, "Europe/Berlin")).toMatchObject({ date: "2026-10-25", time: "02:30" });
    const ny = instantOf("2026-11-01", "01:30", "America/New_York");
    expect(localParts(ny, "America/New_York")).toMatchObject({ date: "2026-11-01", time: "01:30" });
  });

  it("a date a time zone skipped whole does not exist there; days with a spring-forward gap still do", () => {
    expect(dateExists("2011-12-30", "Pacific/Apia")).toBe(false);
    expect(dateExists("2011-12-29", "Pacific/Apia")).toBe(true);
    expect(dateExists("2011-12-31", "Pacific/Apia")).toBe(true);
    expect(dateExists("2011-12-30", "UTC")).toBe(true);
    expect(dateExists("2026-03-29", "Europe/Berlin")).toBe(true);
  });

  it("weekdays and time zone names", () => {
    expect(weekdayOf("2026-11-23")).toBe("mon");
    expect(weekdayOf("2026-11-29")).toBe("sun");
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("utc")).toBe("UTC");
    expect(canonicalTimeZone("Mars/Olympus")).toBeNull();
  });
});

describe("/srm daily set", () => {
  it("reads the examples from the help", () => {
    expect(parseDailySet("09:30 Europe/Berlin mon-fri reveal 16:00".split(" "))).toEqual({
      ok: true,
      value: {
        postTime: "09:30",
        timeZone: "Europe/Berlin",
        days: ["mon", "tue", "wed", "thu", "fri"],
        reveal: { at: "16:00" },
      },
    });
    expect(parseDailySet("08:00 Asia/Dubai sun-thu reveal after 6h".split(" "))).toEqual({
      ok: true,
      value: {
        postTime: "08:00",
        timeZone: "Asia/Dubai",
        days: ["mon", "tue", "wed", "thu", "sun"],
        reveal: { afterMinutes: 360 },
      },
    });
  });

  it.each([
    ["mon-fri", ["mon", "tue", "wed", "thu", "fri"]],
    ["sun-thu", ["mon", "tue", "wed", "thu", "sun"]],
    ["mon-sun", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]],
    ["mon,wed,fri", ["mon", "wed", "fri"]],
    ["fri-mon", ["mon", "fri", "sat", "sun"]],
    ["weekdays", ["mon", "tue", "wed", "thu", "fri"]],
  ])("days %s", (text, days) => {
    expect(parseDays(text)).toEqual(days);
  });

  it.each([
    ["9:5", '"9:5" is not a time of day'],
    ["09:30 Europe/Atlantis", "is not an IANA time zone"],
    ["09:30 funday", '"funday" is neither a time zone, days'],
    ["09:30 reveal", '"reveal " needs a time'],
    ["09:30 reveal 09:30", "same as the post time"],
    ["09:30 reveal after 0h", "needs a length from 15m to 24h"],
    ["", "Say when to post the question"],
  ])("%s is refused: %s", (text, message) => {
    const r = parseDailySet(text === "" ? [] : text.split(" "));
    expect(r.ok).toBe(false);
    if (!r.ok && r.failure.code === "BadUsage") expect(r.failure.problem).toContain(message);
  });
});
