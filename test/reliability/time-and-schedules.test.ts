import { afterAll, describe, expect, it } from "vitest";
import { localParts } from "../../src/schedule/local-time.js";
import { memoryApp } from "../support/app.js";
import { member, say } from "../support/people.js";
import { report, Tally } from "./support/figures.js";

const MIN = 60_000;
const admin = member("admin", { admin: true });
type TestApp = ReturnType<typeof memoryApp>;
const tally = new Tally();

afterAll(() => report("time, time zones and schedules", tally.figures()));

/** Moves the clock in steps of `step`, ticking at each, as the scheduler would; returns the ticks run. */
async function run(app: TestApp, until: string, step = 5 * MIN): Promise<number> {
  const end = new Date(until).getTime();
  let ticks = 0;
  while (app.clock.now().getTime() < end) {
    app.clock.advance(step);
    await app.engine.tick();
    ticks++;
  }
  return ticks;
}

/** The channel's daily rounds: when each opened and closed. */
function rounds(app: TestApp): { opened_at: string; closed_at: string | null }[] {
  return app.db
    .prepare("SELECT opened_at, closed_at FROM rounds WHERE kind = 'channel' ORDER BY id")
    .all() as { opened_at: string; closed_at: string | null }[];
}

describe("a time zone stored for a channel that this machine does not know", () => {
  it("is logged once, not at every tick; status says how to fix it; set without a zone asks for one; set with one works", async () => {
    const app = memoryApp();
    app.clock.set("2026-11-22T12:00:00Z");
    await say(app, admin, "daily set 09:00 Europe/Berlin mon-sun");
    // As if the time zone data changed under the bot, or the row was written by hand.
    app.db.prepare("UPDATE daily_schedules SET timezone = 'Mars/Olympus_Mons'").run();
    const ticks = await run(app, "2026-11-24T12:00:00Z");
    const errors = app.logger.lines.filter((l) => l.level === "error");
    expect(errors.map((l) => l.message)).toEqual([
      "a channel's stored time zone is unknown; its daily question waits until it is set again",
    ]);
    expect(rounds(app)).toEqual([]);
    tally.add("ticks with an unknown zone", ticks);
    tally.add("errors logged for it", errors.length);

    const status = await say(app, admin, "daily status");
    expect(status).toContain('This channel\'s time zone "Mars/Olympus_Mons" is not known here');
    expect(status).toContain("/srm daily set 09:00 <zone>");
    const setWithout = await say(app, admin, "daily set 10:00");
    expect(setWithout).toContain('time zone "Mars/Olympus_Mons" is no longer known: give one');
    expect(setWithout).toContain("/srm daily set 10:00 Europe/Berlin");
    for (const text of ["daily skip tomorrow", "daily resume", "daily leaderboard fri 16:00"])
      expect(await say(app, admin, text), text).toContain("is not known here");

    expect(await say(app, admin, "daily set 10:00 Europe/Berlin mon-sun")).toContain(
      "Daily question scheduled",
    );
    await run(app, "2026-11-25T12:00:00Z");
    expect(rounds(app).map((r) => r.opened_at)).toEqual(["2026-11-25T09:00:00.000Z"]);
  });
});

describe("a schedule set while the machine's clock ran ahead", () => {
  it("posts at the next scheduled time after the clock is put right, not once the clock has caught up", async () => {
    const app = memoryApp();
    app.clock.set("2026-11-23T20:00:00Z"); // a day ahead: it is really Sunday 2026-11-22, 20:00
    await say(app, admin, "daily set 09:00 UTC mon-sun reveal 17:00");
    app.clock.set("2026-11-22T20:00:00Z"); // the clock is corrected
    await app.engine.tick();
    expect(await say(app, admin, "daily status")).toContain("Next post: Mon 2026-11-23 09:00 (UTC)");
    await run(app, "2026-11-24T12:00:00Z");
    expect(rounds(app).map((r) => r.opened_at)).toEqual([
      "2026-11-23T09:00:00.000Z",
      "2026-11-24T09:00:00.000Z",
    ]);
    expect(app.logger.lines.filter((l) => l.message.includes("the clock moved back"))).toHaveLength(1);
    tally.add("posts a clock running ahead would have held back", 1);
  });
});

describe("a local day that does not exist", () => {
  it("Samoa skipped 2011-12-30: one post a day on the days that exist, each open its full time", async () => {
    const app = memoryApp();
    app.clock.set("2011-12-27T20:00:00Z"); // 10:00 in Samoa, after that day's post time
    await say(app, admin, "daily set 09:00 Pacific/Apia mon-sun reveal after 3h");
    await run(app, "2011-12-29T22:00:00Z"); // noon on Thursday 2011-12-29 in Samoa: the next day there is Saturday
    expect(await say(app, admin, "daily status")).toContain("Next post: Sat 2011-12-31 09:00");
    await run(app, "2012-01-02T12:00:00Z");
    const local = (t: string) => localParts(new Date(t), "Pacific/Apia");
    const played = rounds(app);
    expect(played.map((r) => `${local(r.opened_at).date} ${local(r.opened_at).time}`)).toEqual([
      "2011-12-28 09:00",
      "2011-12-29 09:00",
      "2011-12-31 09:00",
      "2012-01-01 09:00",
      "2012-01-02 09:00",
    ]);
    const openMinutes = played.map(
      (r) => (new Date(r.closed_at ?? 0).getTime() - new Date(r.opened_at).getTime()) / MIN,
    );
    expect(openMinutes).toEqual([180, 180, 180, 180, 180]);
    tally.add("posts across the skipped day", played.length);
  });

  it("two days due at once (the day before a spring-forward change, caught up with the change's day) post once", async () => {
    // The posts of 2026-03-28 and 2026-03-29 in Berlin are 23 hours apart: a 24-hour catch-up window holds both.
    const app = memoryApp({ SRM_CATCHUP_MINUTES: "1440" });
    app.clock.set("2026-03-27T12:00:00Z");
    await say(app, admin, "daily set 09:00 Europe/Berlin mon-sun reveal after 2h");
    await run(app, "2026-03-28T07:00:00Z");
    app.clock.set("2026-03-29T07:30:00Z"); // down from before the post of the 28th until after that of the 29th
    await run(app, "2026-03-29T12:00:00Z");
    const played = rounds(app);
    expect(played.map((r) => r.opened_at)).toEqual(["2026-03-29T07:35:00.000Z"]);
    expect(played.map((r) => r.closed_at)).toEqual(["2026-03-29T09:35:00.000Z"]);
    tally.add("posts superseded by a later one due at once", 1);
  });

  it("a post made late within the catch-up window stays open its full time after the post", async () => {
    const app = memoryApp({ SRM_CATCHUP_MINUTES: "120" });
    app.clock.set("2026-11-22T12:00:00Z");
    await say(app, admin, "daily set 09:00 UTC mon-sun reveal after 1h");
    app.clock.set("2026-11-23T09:50:00Z"); // down until 09:50
    await run(app, "2026-11-23T12:00:00Z");
    expect(rounds(app)).toEqual([
      { opened_at: "2026-11-23T09:55:00.000Z", closed_at: "2026-11-23T10:55:00.000Z" },
    ]);
  });
});
