import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLAIM_LEASE_MS } from "../../src/schedule/daily-planner.js";
import { localParts } from "../../src/schedule/local-time.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import { memoryApp } from "../support/app.js";
import { channel, letters, member, openRoundId, say } from "../support/people.js";

const MIN = 60_000;
const admin = member("admin", { admin: true });
type TestApp = ReturnType<typeof memoryApp>;

/** Moves the clock in steps of `step`, ticking at each, as the scheduler would. */
async function run(app: TestApp, until: string, step = 5 * MIN) {
  const end = new Date(until).getTime();
  while (app.clock.now().getTime() < end) {
    app.clock.advance(step);
    await app.engine.tick();
  }
}

function posts(app: TestApp, where = channel()) {
  return (
    app.db
      .prepare(
        "SELECT opened_at, closed_at FROM rounds WHERE platform = ? AND workspace = ? AND channel = ? AND kind = 'channel' ORDER BY id",
      )
      .all(where.platform, where.workspaceId, where.channelId) as {
      opened_at: string;
      closed_at: string | null;
    }[]
  ).map((r) => r.opened_at);
}

describe("daily questions on a team's calendar", () => {
  it("posts at the local time on the chosen days only, and reveals at the set time", async () => {
    const app = memoryApp({}, undefined);
    app.clock.set("2026-11-22T12:00:00Z"); // Sunday
    await say(app, admin, "daily set 09:30 Europe/Berlin mon-fri reveal 16:00");
    await run(app, "2026-11-30T12:00:00Z");
    const opened = posts(app).map((t) => localParts(new Date(t), "Europe/Berlin"));
    expect(opened.map((p) => `${p.weekday} ${p.time}`)).toEqual([
      "mon 09:30",
      "tue 09:30",
      "wed 09:30",
      "thu 09:30",
      "fri 09:30",
      "mon 09:30",
    ]);
    const closed = app.db
      .prepare("SELECT closed_at FROM rounds WHERE closed_at IS NOT NULL ORDER BY id LIMIT 1")
      .get() as {
      closed_at: string;
    };
    expect(localParts(new Date(closed.closed_at), "Europe/Berlin").time).toBe("16:00");
    const revealed = app.announcer.messages.filter((m) => m.card.title.startsWith("Answer:"));
    expect(revealed).toHaveLength(5);
  });

  it("sun-thu in Dubai with a reveal six hours later", async () => {
    const app = memoryApp();
    app.clock.set("2026-11-20T00:00:00Z"); // Friday
    await say(app, admin, "daily set 08:00 Asia/Dubai sun-thu reveal after 6h");
    await run(app, "2026-11-27T00:00:00Z", 10 * MIN);
    const days = posts(app).map((t) => localParts(new Date(t), "Asia/Dubai"));
    expect(days.map((p) => p.weekday)).toEqual(["sun", "mon", "tue", "wed", "thu"]);
    expect(days.every((p) => p.time === "08:00")).toBe(true);
  });

  it.each([
    ["Europe/Berlin", "02:30", "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z", "spring-forward"],
    ["Europe/Berlin", "02:30", "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z", "fall-back"],
    ["America/New_York", "01:30", "2026-10-31T04:00:00Z", "2026-11-03T06:00:00Z", "fall-back"],
    ["America/New_York", "02:30", "2026-03-07T05:00:00Z", "2026-03-10T05:00:00Z", "spring-forward"],
  ])(
    "%s at %s across the %s change posts once a day, neither skipped nor doubled (%s)",
    async (tz, time, from, to) => {
      const app = memoryApp();
      app.clock.set(from);
      await say(app, admin, `daily set ${time} ${tz} mon-sun reveal after 1h`);
      await run(app, to, MIN);
      const dates = posts(app).map((t) => localParts(new Date(t), tz).date);
      expect(dates).toHaveLength(3);
      expect(new Set(dates).size).toBe(3);
    },
  );

  it("skipped dates and pauses post nothing; resuming posts again", async () => {
    const app = memoryApp();
    app.clock.set("2026-12-20T12:00:00Z"); // Sunday
    await say(app, admin, "daily set 09:00 UTC mon-fri reveal 17:00");
    await say(app, admin, "daily skip 2026-12-24");
    await say(app, admin, "daily skip 2026-12-25");
    await run(app, "2026-12-27T00:00:00Z");
    expect(posts(app).map((t) => t.slice(0, 10))).toEqual(["2026-12-21", "2026-12-22", "2026-12-23"]);
    await say(app, admin, "daily pause until 2027-01-04");
    await run(app, "2027-01-05T12:00:00Z");
    expect(
      posts(app)
        .map((t) => t.slice(0, 10))
        .slice(3),
    ).toEqual(["2027-01-04", "2027-01-05"]);
  });

  it("a schedule set after today's post time starts tomorrow; daily off stops it", async () => {
    const app = memoryApp();
    app.clock.set("2026-11-24T14:00:00Z");
    await say(app, admin, "daily set 09:00 UTC mon-sun");
    await run(app, "2026-11-24T23:00:00Z");
    expect(posts(app)).toEqual([]);
    await run(app, "2026-11-25T10:00:00Z");
    expect(posts(app)).toHaveLength(1);
    await say(app, admin, "daily off");
    await run(app, "2026-11-28T10:00:00Z");
    expect(posts(app)).toHaveLength(1);
  });

  it("streaks count the channel's scheduled days only: days off never break one", async () => {
    const app = memoryApp();
    app.clock.set("2026-11-22T12:00:00Z");
    await say(app, admin, "daily set 09:00 UTC mon,wed,fri reveal 17:00");
    for (const day of ["23", "25", "27", "30"]) {
      await run(app, `2026-11-${day}T10:00:00Z`);
      const id = openRoundId(app);
      await app.engine.press(`answer:${id}:${letters(app, id).right}`, member("ann"));
    }
    await run(app, "2026-11-30T18:00:00Z");
    const bonuses = app.db
      .prepare("SELECT streak_bonus FROM answers WHERE user_id = 'ann' ORDER BY id")
      .all();
    expect(bonuses).toEqual([
      { streak_bonus: 0 },
      { streak_bonus: 1 },
      { streak_bonus: 2 },
      { streak_bonus: 3 },
    ]);
  });
});

describe("exactly once, through restarts and races", () => {
  it("a post missed while down is made on start within the catch-up window, else skipped and logged", async () => {
    const app = memoryApp({ SRM_CATCHUP_MINUTES: "60" });
    app.clock.set("2026-11-22T12:00:00Z");
    await say(app, admin, "daily set 09:00 UTC mon-sun");
    app.clock.set("2026-11-23T09:40:00Z"); // down from before 09:00 until 09:40
    await app.engine.tick();
    expect(posts(app)).toEqual(["2026-11-23T09:40:00.000Z"]);
    app.clock.set("2026-11-24T13:00:00Z"); // down for the whole morning
    await app.engine.tick();
    expect(posts(app)).toHaveLength(1);
    expect(
      app.logger.lines.some(
        (l) => l.message.includes("missed while the bot was down") && l.fields?.date === "2026-11-24",
      ),
    ).toBe(true);
    await run(app, "2026-11-25T09:30:00Z");
    expect(posts(app)).toHaveLength(2);
  });

  it("a reveal missed while down is done on start", async () => {
    const app = memoryApp();
    app.clock.set("2026-11-22T12:00:00Z");
    await say(app, admin, "daily set 09:00 UTC mon-sun reveal 12:00");
    await run(app, "2026-11-23T09:05:00Z");
    const id = openRoundId(app);
    app.clock.set("2026-11-23T20:00:00Z");
    await app.engine.tick();
    expect(app.db.prepare("SELECT status FROM rounds WHERE id = ?").get(id)).toEqual({ status: "revealed" });
  });

  it("a crash between claiming the day and posting: the post is made once after the lease", async () => {
    const app = memoryApp();
    app.clock.set("2026-11-22T12:00:00Z");
    await say(app, admin, "daily set 09:00 UTC mon-sun");
    app.clock.set("2026-11-23T09:00:30Z");
    app.announcer.failNext = 1; // the platform call dies with the process
    await app.engine.tick();
    app.db.prepare("UPDATE daily_runs SET state = 'claimed', done_at = NULL").run();
    expect(app.announcer.messages).toHaveLength(0);
    app.clock.advance(CLAIM_LEASE_MS + MIN);
    await app.engine.tick();
    await app.engine.tick();
    expect(app.announcer.messages.filter((m) => m.history[0]?.title === "Question of the day")).toHaveLength(
      1,
    );
    expect(posts(app)).toHaveLength(1);
  });

  it("a crash after posting but before completing the ledger never posts twice", async () => {
    const app = memoryApp();
    app.clock.set("2026-11-22T12:00:00Z");
    await say(app, admin, "daily set 09:00 UTC mon-sun");
    app.clock.set("2026-11-23T09:00:30Z");
    await app.engine.tick();
    app.db.prepare("UPDATE daily_runs SET state = 'claimed', done_at = NULL").run();
    app.clock.advance(CLAIM_LEASE_MS + MIN);
    await app.engine.tick();
    expect(app.announcer.messages.filter((m) => m.history[0]?.title === "Question of the day")).toHaveLength(
      1,
    );
    expect(app.db.prepare("SELECT state FROM daily_runs").get()).toEqual({ state: "done" });
  });

  it("a reveal saved but never shown in the channel is shown by the next tick, once", async () => {
    const app = memoryApp();
    await say(app, admin, "daily now");
    const id = openRoundId(app);
    app.announcer.failNext = 1;
    await say(app, admin, "reveal");
    const message = app.announcer.messages[0];
    expect(message?.card.title).toBe("Question of the day");
    await app.engine.tick();
    await app.engine.tick();
    expect(message?.card.title).toMatch(/^Answer:/);
    expect(message?.history.filter((c) => c.title.startsWith("Answer:"))).toHaveLength(1);
    expect(
      app.db.prepare("SELECT reveal_announced_at IS NOT NULL AS shown FROM rounds WHERE id = ?").get(id),
    ).toEqual({ shown: 1 });
  });

  it("two bot processes on one database file post each day's question once", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    const a = memoryApp({ SRM_DB: file });
    const b = memoryApp({ SRM_DB: file });
    a.clock.set("2026-11-22T12:00:00Z");
    b.clock.set("2026-11-22T12:00:00Z");
    await say(a, admin, "daily set 09:00 UTC mon-sun reveal 17:00");
    for (let step = 0; step < 3 * 24 * 12; step++) {
      a.clock.advance(5 * MIN);
      b.clock.advance(5 * MIN);
      await Promise.all([a.engine.tick(), b.engine.tick()]);
    }
    const rounds = a.db.prepare("SELECT opened_at FROM rounds ORDER BY id").all() as { opened_at: string }[];
    expect(rounds.map((r) => r.opened_at.slice(0, 10))).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
    const posted = [...a.announcer.messages, ...b.announcer.messages].filter(
      (m) => m.history[0]?.title === "Question of the day",
    );
    expect(posted).toHaveLength(3);
    expect(scoreDifferences(a.db)).toEqual([]);
    await a.close();
    await b.close();
  });

  it("the weekly leaderboard is posted on its day and time, once", async () => {
    const app = memoryApp();
    app.clock.set("2026-11-22T12:00:00Z");
    await say(app, admin, "daily set 09:00 UTC mon-fri reveal 12:00");
    await say(app, admin, "daily leaderboard fri 16:00");
    await run(app, "2026-11-29T00:00:00Z");
    const boards = app.announcer.messages.filter((m) => m.card.title.startsWith("Leaderboard"));
    expect(boards).toHaveLength(1);
  });
});
