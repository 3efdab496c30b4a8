import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { type Db, openDatabase } from "../../src/store/database.js";
import { SqliteScoreStore } from "../../src/store/score-store.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function store(): { db: Db; scores: SqliteScoreStore; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "srm-ranking-"));
  dirs.push(dir);
  const path = join(dir, "srm.db");
  const { db } = openDatabase(path, loadConfig({}).migrationsDir);
  return { db, scores: new SqliteScoreStore(db), path };
}

/** What SQLite itself counts: the rank of `points` and the people in the period. */
function counted(db: Db, points: number): { rank: number; people: number } {
  const above = db
    .prepare(
      "SELECT COUNT(*) FROM scores WHERE platform = 'slack' AND workspace = 'W' AND period = 'all' AND points > ?",
    )
    .pluck()
    .get(points) as number;
  const people = db
    .prepare("SELECT COUNT(*) FROM scores WHERE platform = 'slack' AND workspace = 'W' AND period = 'all'")
    .pluck()
    .get() as number;
  return { rank: above + 1, people };
}

function read(scores: SqliteScoreStore, points: number): { rank: number; people: number } {
  return { rank: scores.rankOf("slack", "W", "all", points), people: scores.people("slack", "W", "all") };
}

const add = (scores: SqliteScoreStore, user: string, points: number) =>
  scores.addToPeriod("slack", "W", "all", user, user, points, points > 0);

describe("ranks and head counts of a period", () => {
  it("equal SQLite's own count for every score, ties sharing a rank, as scores are added", () => {
    const { db, scores } = store();
    for (const [i, points] of [30, 10, 30, 0, 20, 10, 50, 10].entries()) {
      add(scores, `u${i}`, points);
      for (const p of [-1, 0, 5, 10, 20, 25, 30, 50, 60]) expect(read(scores, p)).toEqual(counted(db, p));
    }
  });

  it("follow a change made on the same connection outside the store", () => {
    const { db, scores } = store();
    add(scores, "ann", 10);
    add(scores, "bob", 20);
    expect(read(scores, 10)).toEqual({ rank: 2, people: 2 });
    db.prepare("UPDATE scores SET points = 5 WHERE user_id = 'bob'").run();
    expect(read(scores, 10)).toEqual({ rank: 1, people: 2 });
    db.prepare("DELETE FROM scores WHERE user_id = 'bob'").run();
    expect(read(scores, 10)).toEqual({ rank: 1, people: 1 });
  });

  it("follow a change another process commits to the same file", () => {
    const { scores, path } = store();
    add(scores, "ann", 10);
    expect(read(scores, 10)).toEqual({ rank: 1, people: 1 });
    const other = new Database(path);
    other
      .prepare(
        "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) VALUES ('slack', 'W', 'all', 'cy', 'cy', 99, 1, 1)",
      )
      .run();
    other.close();
    expect(read(scores, 10)).toEqual({ rank: 2, people: 2 });
  });

  it("inside a transaction see its writes, and after a rollback no longer do", () => {
    const { db, scores } = store();
    add(scores, "ann", 10);
    expect(read(scores, 10)).toEqual({ rank: 1, people: 1 });
    expect(() =>
      db.transaction(() => {
        add(scores, "bob", 50);
        expect(read(scores, 10)).toEqual({ rank: 2, people: 2 });
        throw new Error("roll back");
      })(),
    ).toThrow("roll back");
    expect(read(scores, 10)).toEqual({ rank: 1, people: 1 });
    add(scores, "cy", 5);
    expect(read(scores, 10)).toEqual(counted(db, 10));
  });

  it("the accuracy leaderboard follows every change, and a caller's copy cannot change the next answer", () => {
    const { db, scores } = store();
    const top = () => scores.topByAccuracy("slack", "W", "all", 1, 10).map((r) => r.userId);
    add(scores, "ann", 10);
    add(scores, "bob", 0);
    expect(top()).toEqual(["ann", "bob"]);
    top().reverse();
    scores.topByAccuracy("slack", "W", "all", 1, 10).pop();
    expect(top()).toEqual(["ann", "bob"]);
    db.prepare("UPDATE scores SET correct = 1 WHERE user_id = 'bob'").run();
    add(scores, "ann", 0);
    expect(top()).toEqual(["bob", "ann"]);
  });

  it("after more of this connection's changes than are kept, is read again whole and still exact", () => {
    const { db, scores } = store();
    add(scores, "ann", 10);
    expect(read(scores, 10)).toEqual({ rank: 1, people: 1 });
    add(scores, "bob", 40);
    // Far more changes than are kept, all in another period: bob's change above is no longer among them.
    db.transaction(() => {
      for (let i = 0; i < 10_100; i++) scores.addToPeriod("slack", "W", "week", `w${i % 50}`, "w", 1, true);
    })();
    expect(read(scores, 10)).toEqual({ rank: 2, people: 2 });
    expect(read(scores, 10)).toEqual(counted(db, 10));
  });

  it("stay exact through any mix of store writes, other writes, rollbacks and other processes' commits", () => {
    const { db, scores, path } = store();
    const other = new Database(path);
    const periods = ["all", "week"] as const;
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("add" as const),
        user: fc.integer({ min: 0, max: 9 }),
        points: fc.integer({ min: 0, max: 30 }),
        period: fc.constantFrom(...periods),
      }),
      fc.record({
        kind: fc.constant("set" as const),
        user: fc.integer({ min: 0, max: 9 }),
        points: fc.integer({ min: 0, max: 30 }),
      }),
      fc.record({ kind: fc.constant("delete" as const), user: fc.integer({ min: 0, max: 9 }) }),
      fc.record({
        kind: fc.constant("rollback" as const),
        user: fc.integer({ min: 0, max: 9 }),
        points: fc.integer({ min: 0, max: 30 }),
      }),
      fc.record({
        kind: fc.constant("other" as const),
        user: fc.integer({ min: 0, max: 9 }),
        points: fc.integer({ min: 0, max: 30 }),
      }),
      fc.record({ kind: fc.constant("read" as const), points: fc.integer({ min: -1, max: 40 }) }),
    );
    try {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
          db.prepare("DELETE FROM scores").run();
          for (const o of ops) {
            if (o.kind === "add")
              scores.addToPeriod("slack", "W", o.period, `u${o.user}`, "u", o.points, true);
            else if (o.kind === "set")
              db.prepare("UPDATE scores SET points = ? WHERE user_id = ?").run(o.points, `u${o.user}`);
            else if (o.kind === "delete")
              db.prepare("DELETE FROM scores WHERE user_id = ?").run(`u${o.user}`);
            else if (o.kind === "rollback")
              try {
                db.transaction(() => {
                  add(scores, `u${o.user}`, o.points);
                  expect(read(scores, o.points)).toEqual(counted(db, o.points));
                  throw new Error("roll back");
                })();
              } catch (error) {
                if (!String(error).includes("roll back")) throw error;
              }
            else if (o.kind === "other")
              other
                .prepare(
                  "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) " +
                    "VALUES ('slack', 'W', 'all', ?, 'o', ?, 1, 1) ON CONFLICT DO UPDATE SET points = excluded.points",
                )
                .run(`u${o.user}`, o.points);
            else expect(read(scores, o.points)).toEqual(counted(db, o.points));
          }
          for (const p of [-1, 0, 10, 20, 30, 60]) expect(read(scores, p)).toEqual(counted(db, p));
        }),
        { seed: 20261123, numRuns: 150 },
      );
    } finally {
      other.close();
    }
  });
});
