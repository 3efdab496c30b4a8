import { describe, expect, it } from "vitest";
import { localParts } from "../../src/schedule/local-time.js";
import { startTicker } from "../../src/schedule/ticker.js";
import { SqliteDailyStore } from "../../src/store/daily-store.js";
import { RecordingLogger } from "../fakes/announcer.js";
import { ManualClock, memoryApp } from "../support/app.js";
import { channel } from "../support/people.js";

/** The system clock, in the shape the test app expects. */
class SystemClock extends ManualClock {
  override now(): Date {
    return new Date();
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

describe("the node-cron ticker", () => {
  it("real node-cron fires the tick, and ticks never overlap", async () => {
    let runs = 0;
    let inFlight = 0;
    let overlapped = false;
    const ticker = startTicker(
      async () => {
        inFlight++;
        if (inFlight > 1) overlapped = true;
        runs++;
        await new Promise((r) => setTimeout(r, 1_500));
        inFlight--;
      },
      new RecordingLogger(),
      "* * * * * *",
    );
    expect(await until(() => runs >= 2, 6_000)).toBe(true);
    await ticker.stop();
    expect(overlapped).toBe(false);
  });

  it("a daily question due this minute is posted by real node-cron on the system clock", async () => {
    const app = memoryApp({}, new SystemClock());
    const now = new Date();
    new SqliteDailyStore(app.db).put({
      channel: channel(),
      postTime: localParts(now, "UTC").time,
      timeZone: "UTC",
      days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      reveal: { afterMinutes: 60 },
      pausedUntil: null,
      leaderboard: null,
      enabled: true,
      activeFrom: new Date(now.getTime() - 3_600_000),
      updatedBy: "admin",
    });
    const ticker = startTicker(() => app.engine.tick(), app.logger, "* * * * * *");
    const posted = await until(() => app.announcer.messages.length === 1, 5_000);
    await ticker.stop();
    expect(posted).toBe(true);
    expect(app.announcer.messages[0]?.card.title).toBe("Question of the day");
  });

  it("a wrong cron expression is refused at start", () => {
    expect(() => startTicker(async () => {}, new RecordingLogger(), "every minute")).toThrow(
      /not a cron expression/,
    );
  });
});
