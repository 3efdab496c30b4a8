import { describe, expect, it } from "vitest";
import type { RoundRow } from "../../src/domain/round.js";
import { CountRefresher } from "../../src/quiz/count-refresher.js";
import { memoryApp } from "../support/app.js";
import { member, openRoundId, say } from "../support/people.js";

const round = { id: 7 } as RoundRow;

/** A refresher whose updates are recorded with the time each started, and whose background work is kept. */
function recorded(intervalMs: number) {
  const starts: number[] = [];
  const work: Promise<void>[] = [];
  const refresher = new CountRefresher(
    async () => {
      starts.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, 5));
    },
    (w) => work.push(w),
    intervalMs,
  );
  return { refresher, starts, done: () => Promise.all(work) };
}

describe("answer-count updates", () => {
  it("answers arriving together make one update now and one more after the interval, not one each", async () => {
    const { refresher, starts, done } = recorded(80);
    for (let i = 0; i < 25; i++) refresher.soon(round);
    await done();
    expect(starts).toHaveLength(2);
    // Timers may fire up to a millisecond early.
    expect((starts[1] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(79);
  });

  it("hurrying (a reveal, a shutdown) sends the owed update without waiting out the interval", async () => {
    const { refresher, starts, done } = recorded(60_000);
    refresher.soon(round);
    refresher.soon(round);
    refresher.hurry();
    await done();
    expect(starts).toHaveLength(2);
  });

  it("in a channel, a burst of answers ends with the message showing every one of them", async () => {
    const app = memoryApp();
    const admin = member("admin", { admin: true });
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => app.engine.press(`answer:${id}:A`, member(`p${i}`))),
    );
    await app.engine.idle();
    const message = app.announcer.last();
    // The question as posted, then far fewer updates than answers.
    expect(message?.history.length).toBeLessThanOrEqual(4);
    expect(JSON.stringify(message?.card)).toContain("30 answered");
  });
});
