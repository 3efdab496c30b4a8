import { describe, expect, it } from "vitest";
import { WorkQueue } from "../../../adapters/slack/work-queue.js";

describe("the work queue behind the acknowledgements", () => {
  it("runs no more than its limit at once and every queued piece in turn", async () => {
    const queue = new WorkQueue(2);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const piece = () =>
      queue.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      });
    const all = Promise.all(Array.from({ length: 5 }, piece));
    for (let released = 0; released < 5; released++) {
      while (releases.length === 0) await Promise.resolve();
      expect(running).toBeLessThanOrEqual(2);
      releases.shift()?.();
    }
    await all;
    expect(most).toBe(2);
    expect(running).toBe(0);
  });

  it("a piece that fails frees its place for the next", async () => {
    const queue = new WorkQueue(1);
    await expect(queue.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(queue.run(async () => "next")).resolves.toBe("next");
  });
});
