import { describe, expect, it } from "vitest";
import { InFlight } from "../../../adapters/shared/in-flight.js";

describe("requests in flight", () => {
  it("stopping waits for every request taken, including one taken while it waits", async () => {
    const inFlight = new InFlight();
    const done: string[] = [];
    let finishFirst: () => void = () => {};
    inFlight.track(
      new Promise<void>((resolve) => (finishFirst = resolve)).then(() => {
        done.push("first");
        inFlight.track(Promise.resolve().then(() => done.push("second")));
      }),
    );
    const stopped = inFlight.settled().then(() => done.push("stopped"));
    finishFirst();
    await stopped;
    expect(done).toEqual(["first", "second", "stopped"]);
    expect(inFlight.size).toBe(0);
  });

  it("a request that fails is forgotten too, and stopping still finishes", async () => {
    const inFlight = new InFlight();
    const failing = Promise.reject(new Error("boom"));
    inFlight.track(failing);
    await expect(failing).rejects.toThrow("boom");
    await inFlight.settled();
    expect(inFlight.size).toBe(0);
  });
});
