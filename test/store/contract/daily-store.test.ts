import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../../src/domain/channel.js";
import type { DailySchedule } from "../../../src/domain/daily.js";
import type { Async } from "../../../src/ports/async.js";
import type { DailyStore } from "../../../src/ports/daily-store.js";
import { SqliteDailyStore } from "../../../src/store/daily-store.js";
import { PgDailyStore } from "../../../src/store/postgres/daily-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";
import { type Rows, rowsOf } from "./rows.js";

type Stores = { daily: DailyStore };

const MINUTE = 60_000;
const C1: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const C2: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C2" };
const D1: ChannelRef = { platform: "discord", workspaceId: "G1", channelId: "D1" };

function schedule(channel: ChannelRef, over: Partial<DailySchedule> = {}): DailySchedule {
  return {
    channel,
    postTime: "09:00",
    timeZone: "Europe/Berlin",
    days: ["mon", "tue", "wed", "thu", "fri"],
    reveal: { at: "16:00" },
    pausedUntil: null,
    leaderboard: null,
    enabled: true,
    activeFrom: new Date("2026-03-01T00:00:00.000Z"),
    updatedBy: "U1",
    ...over,
  };
}

const rows = rowsOf();
const engines = storeEngines<Stores>({
  sqlite: (db, _clock, gate) => rows.sqlite(db, gate, { daily: new SqliteDailyStore(db) }),
  postgres: (db) => rows.postgres(db, { daily: new PgDailyStore(db) }),
});

describe.each(engines)("DailyStore on $name", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  let store: DailyStore;
  let fixture: Rows;
  beforeEach(async () => {
    opened = await engine.open();
    store = opened.stores.daily;
    fixture = rows.take();
  });
  afterEach(async () => opened.close());

  it("a schedule is read back as it was put, and a second put replaces it", async () => {
    expect(await store.get(C1)).toBeUndefined();
    const first = schedule(C1, { leaderboard: { day: "fri", time: "17:00" } });
    await store.put(first);
    expect(await store.get(C1)).toEqual(first);
    const second = schedule(C1, { reveal: { afterMinutes: 90 }, days: ["sat"], pausedUntil: "2026-04-01" });
    await store.put(second);
    expect(await store.get(C1)).toEqual(second);
    expect(await store.get(C2)).toBeUndefined();
  });

  it("only the schedules that are on are listed", async () => {
    await store.put(schedule(D1));
    await store.put(schedule(C2, { enabled: false }));
    await store.put(schedule(C1));
    expect((await store.enabled()).map((s) => s.channel)).toEqual([D1, C1]);
  });

  it("a start set while the clock ran ahead is moved back, and an earlier start is left as it is", async () => {
    await store.put(schedule(C1, { activeFrom: new Date("2026-03-10T00:00:00.000Z") }));
    const now = new Date("2026-03-05T00:00:00.000Z");
    expect(await store.pullActiveFrom(C1, now)).toBe(true);
    expect((await store.get(C1))?.activeFrom).toEqual(now);
    expect(await store.pullActiveFrom(C1, new Date("2026-03-06T00:00:00.000Z"))).toBe(false);
    expect((await store.get(C1))?.activeFrom).toEqual(now);
    expect(await store.pullActiveFrom(C2, now)).toBe(false);
  });

  it("a skipped date is kept once, listed in order from a date on, and only for its channel", async () => {
    await store.addSkip(C1, "2026-03-12");
    await store.addSkip(C1, "2026-03-04");
    await store.addSkip(C1, "2026-03-12");
    await store.addSkip(C2, "2026-03-20");
    expect(await store.skipsFrom(C1, "2026-03-01")).toEqual(["2026-03-04", "2026-03-12"]);
    expect(await store.skipsFrom(C1, "2026-03-05")).toEqual(["2026-03-12"]);
    expect(await store.isSkipped(C1, "2026-03-04")).toBe(true);
    expect(await store.isSkipped(C1, "2026-03-20")).toBe(false);
    expect(await store.isSkipped(C2, "2026-03-20")).toBe(true);
  });

  it("a day's run is claimed once: a second claim is refused, another kind or date is its own run", async () => {
    const at = new Date("2026-03-02T08:00:00.000Z");
    expect(await store.claim(C1, "2026-03-02", "post", at)).toBe(true);
    expect(await store.claim(C1, "2026-03-02", "post", at)).toBe(false);
    expect(await store.claim(C1, "2026-03-02", "leaderboard", at)).toBe(true);
    expect(await store.claim(C1, "2026-03-03", "post", at)).toBe(true);
    expect(await store.claim(C2, "2026-03-02", "post", at)).toBe(true);
    expect(await store.run(C1, "2026-03-02", "post")).toEqual({
      channel: C1,
      localDate: "2026-03-02",
      kind: "post",
      state: "claimed",
      roundId: null,
      claimedAt: at,
    });
  });

  it("the same daily run claimed by three at once goes to exactly one of them", async () => {
    const at = new Date("2026-03-02T08:00:00.000Z");
    const claims = await Promise.all([1, 2, 3].map(() => store.claim(C1, "2026-03-02", "post", at)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("a run recorded as skipped is never claimed, and a claimed run is not skipped", async () => {
    const at = new Date("2026-03-03T08:00:00.000Z");
    expect(await store.skip(C1, "2026-03-02", "post", at, "missed by 900 minutes")).toBe(true);
    expect(await store.skip(C1, "2026-03-02", "post", at, "again")).toBe(false);
    expect(await store.claim(C1, "2026-03-02", "post", at)).toBe(false);
    expect(await store.run(C1, "2026-03-02", "post")).toMatchObject({ state: "skipped", claimedAt: at });
    expect(await store.claim(C1, "2026-03-03", "post", at)).toBe(true);
    expect(await store.skip(C1, "2026-03-03", "post", at, "superseded")).toBe(false);
    expect(await store.run(C1, "2026-03-03", "post")).toMatchObject({ state: "claimed" });
  });

  it("a claimed post is linked to its round and completed once; a skipped run stays skipped", async () => {
    const at = new Date("2026-03-02T08:00:00.000Z");
    const roundId = await fixture.round(C1);
    await store.claim(C1, "2026-03-02", "post", at);
    await store.attachRound(C1, "2026-03-02", roundId);
    await store.complete(C1, "2026-03-02", "post", new Date(at.getTime() + MINUTE));
    expect(await store.run(C1, "2026-03-02", "post")).toMatchObject({
      state: "done",
      roundId,
      claimedAt: at,
    });
    await store.skip(C1, "2026-03-01", "post", at, "missed");
    await store.complete(C1, "2026-03-01", "post", at);
    expect(await store.run(C1, "2026-03-01", "post")).toMatchObject({ state: "skipped" });
    expect(await store.run(C1, "2026-03-05", "post")).toBeUndefined();
  });

  it("runs claimed at or before an instant and never completed are unfinished, oldest first", async () => {
    const t = (minutes: number) => new Date(Date.parse("2026-03-02T08:00:00.000Z") + minutes * MINUTE);
    await store.claim(C2, "2026-03-02", "post", t(2));
    await store.claim(C1, "2026-03-02", "post", t(0));
    await store.claim(C1, "2026-03-02", "leaderboard", t(1));
    await store.complete(C1, "2026-03-02", "leaderboard", t(3));
    await store.skip(D1, "2026-03-02", "post", t(0), "missed");
    await store.claim(D1, "2026-03-03", "post", t(10));
    opened.clock.set(t(20));
    const unfinished = await store.unfinished(t(5));
    expect(unfinished.map((r) => [r.channel.channelId, r.kind, r.claimedAt])).toEqual([
      ["C1", "post", t(0)],
      ["C2", "post", t(2)],
    ]);
  });
});

// Several processes may find the same unfinished run (replicas on PostgreSQL, two processes on one SQLite
// file): taking it over is itself a claim, so one finishes it.
describe.each(engines)("DailyStore takeover on $name", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  beforeEach(async () => {
    opened = await engine.open();
    rows.take();
  });
  afterEach(async () => opened.close());

  it("a stopped process's run goes to one of three asking at once, and again only after the new lease", async () => {
    const store = opened.stores.daily;
    const claimedAt = new Date("2026-03-02T08:00:00.000Z");
    await store.claim(C1, "2026-03-02", "post", claimedAt);
    const at = (minutes: number) => new Date(claimedAt.getTime() + minutes * MINUTE);
    const lapsed = (now: Date) => new Date(now.getTime() - 5 * MINUTE);
    expect(
      (await store.unfinished(lapsed(at(10)))).map((r) => [r.channel, r.localDate, r.claimedAt]),
    ).toEqual([[C1, "2026-03-02", claimedAt]]);
    const taken = await Promise.all(
      [1, 2, 3].map(() => store.takeOver(C1, "2026-03-02", "post", lapsed(at(10)), at(10))),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
    // Taken over, the run is not unfinished again until the new claim's lease has run out.
    expect(await store.unfinished(lapsed(at(10)))).toEqual([]);
    expect(await store.takeOver(C1, "2026-03-02", "post", lapsed(at(12)), at(12))).toBe(false);
    expect(await store.takeOver(C1, "2026-03-02", "post", lapsed(at(16)), at(16))).toBe(true);
    // A completed run is never taken over.
    await store.complete(C1, "2026-03-02", "post", at(17));
    expect(await store.takeOver(C1, "2026-03-02", "post", lapsed(at(30)), at(30))).toBe(false);
  });
});
