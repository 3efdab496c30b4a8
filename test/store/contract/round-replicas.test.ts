import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { RecordedAnswer } from "../../../src/ports/round-store.js";
import type { PgDb } from "../../../src/store/postgres/db.js";
import { openPostgres } from "../../../src/store/postgres/migrate.js";
import { PgRoundStore } from "../../../src/store/postgres/round-store.js";
import { PgScoreStore } from "../../../src/store/postgres/score-store.js";
import { freshDatabaseUrl } from "../../support/postgres.js";
import { at, newAnswer, newRound, questionOf } from "./round-fixtures.js";

// Several replicas share one PostgreSQL database: what one commits, the others must see, and a race between
// them is decided by the database. Each replica here is its own connection pool, as in its own process.
// PostgreSQL only: the SQLite engine is one file that one process serves.

const pools: PgDb[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((db) => db.close()));
});

/** `n` replicas on one fresh, migrated database. */
async function replicas(n: number): Promise<PgDb[]> {
  const url = await freshDatabaseUrl();
  const dir = loadConfig({}).postgresMigrationsDir;
  const dbs: PgDb[] = [];
  for (let i = 0; i < n; i++) dbs.push((await openPostgres(url, dir)).db);
  pools.push(...dbs);
  return dbs;
}

/** A promise and the function that settles it: lets a test hold a transaction open. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Resolves once a statement of this database waits for a lock, or once `settled` is true (it never waited). */
async function untilWaiting(db: PgDb, settled: () => boolean): Promise<void> {
  while (!settled()) {
    const row = await db.one<{ n: number }>(
      "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if ((row?.n ?? 0) > 0) return;
    await sleep(10);
  }
}

describe("rounds on PostgreSQL shared by replicas", () => {
  it("an answer arriving while another replica's close is under way is refused once the close commits", async () => {
    const [a, b] = (await replicas(2)) as [PgDb, PgDb];
    const roundsA = new PgRoundStore(a);
    const roundsB = new PgRoundStore(b);
    const id = await roundsA.open(newRound());
    const closing = gate();
    const release = gate();
    const closed = b.transaction(async () => {
      await roundsB.close(id, at("09:30:00.000"));
      closing.open();
      await release.opened;
    });
    await closing.opened;
    let answer: RecordedAnswer | undefined;
    const answering = roundsA.recordAnswer(newAnswer(id, "ann")).then((r) => {
      answer = r;
    });
    // The answer has read the round as open and waits on it, or (wrongly) went in without waiting.
    await untilWaiting(b, () => answer !== undefined);
    release.open();
    await closed;
    await answering;
    expect(answer).toEqual({ stored: false, answer: null });
    // What the reveal reads after its close: no answer stored that it would leave unscored.
    expect(await roundsB.answers(id)).toEqual([]);
  });

  it("three replicas answering for one person at once: one answer stands, the same for all three", async () => {
    const dbs = await replicas(3);
    const id = await new PgRoundStore(dbs[0] as PgDb).open(newRound());
    const results = await Promise.all(
      dbs.map((db, i) =>
        new PgRoundStore(db).recordAnswer(newAnswer(id, "ann", { response: [i === 1 ? "B" : "A"] })),
      ),
    );
    expect(results.filter((r) => r.stored)).toHaveLength(1);
    const standing = results.find((r) => r.stored)?.answer;
    for (const r of results) expect(r.answer).toEqual(standing);
  });

  it("three replicas closing and revealing one round at once: one close and one reveal happen", async () => {
    const dbs = await replicas(3);
    const stores = dbs.map((db) => new PgRoundStore(db));
    const id = await (stores[0] as PgRoundStore).open(newRound());
    const closes = await Promise.all(stores.map((s) => s.close(id, at("10:00:00.000"))));
    expect(closes.filter(Boolean)).toHaveLength(1);
    const reveals = await Promise.all(stores.map((s) => s.markRevealed(id, at("10:00:01.000"))));
    expect(reveals.filter(Boolean)).toHaveLength(1);
  });

  it("a key one replica corrects is the key every other replica reads next", async () => {
    const [a, b] = (await replicas(2)) as [PgDb, PgDb];
    const roundsA = new PgRoundStore(a);
    const roundsB = new PgRoundStore(b);
    const id = await roundsA.open(newRound());
    await roundsA.close(id, at("10:00:00.000"));
    await roundsA.markRevealed(id, at("10:00:01.000"));
    expect((await roundsA.get(id))?.question).toEqual(questionOf("q1"));
    const fixed = { ...questionOf("q1"), explanation: "Corrected." };
    expect(await roundsB.fixKey(id, fixed, at("11:00:00.000"))).toBe(true);
    expect((await roundsA.get(id))?.question).toEqual(fixed);
  });

  it("a score one replica adds moves the rank and head count every other replica reads next", async () => {
    const [a, b] = (await replicas(2)) as [PgDb, PgDb];
    const scoresA = new PgScoreStore(a);
    const scoresB = new PgScoreStore(b);
    await scoresA.addToPeriod("slack", "W", "all", "ann", "Ann", 10, true);
    expect(await scoresA.rankOf("slack", "W", "all", 10)).toBe(1);
    expect(await scoresA.topByAccuracy("slack", "W", "all", 1, 5)).toHaveLength(1);
    await scoresB.addToPeriod("slack", "W", "all", "bob", "Bob", 20, true);
    expect(await scoresA.rankOf("slack", "W", "all", 10)).toBe(2);
    expect(await scoresA.people("slack", "W", "all")).toBe(2);
    expect((await scoresA.topByAccuracy("slack", "W", "all", 1, 5)).map((r) => r.userId)).toEqual([
      "ann",
      "bob",
    ]);
  });
});
