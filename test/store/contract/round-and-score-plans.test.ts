import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import type { PgDb } from "../../../src/store/postgres/db.js";
import { openPostgres } from "../../../src/store/postgres/migrate.js";
import { freshDatabaseUrl } from "../../support/postgres.js";

// The hot queries of the PostgreSQL round and score stores, as they write them: each must be able to find its
// rows through an index (seq scans are switched off, so a plan without a usable index shows as a Seq Scan or
// a filter over the whole table) on a database with enough rows for the planner's statistics.

let db: PgDb;
beforeAll(async () => {
  db = (await openPostgres(await freshDatabaseUrl(), loadConfig({}).postgresMigrationsDir)).db;
  // Enough rows, spread over channels, people and periods, for the planner's statistics to mean something.
  await db.run(
    "INSERT INTO rounds (platform, workspace, channel, kind, question_id, question_json, status, opened_at) " +
      "SELECT 'slack', 'W', 'C' || (g % 20), 'channel', 'q' || (g % 50), '{}', 'revealed', '2026-03-02T09:00:00.000Z' " +
      "FROM generate_series(1, 2000) g",
  );
  await db.run(
    "INSERT INTO answers (round_id, user_id, display_name, response, right_parts, total_parts, correct, answered_at) " +
      "SELECT r.id, 'U' || ((r.id * 7 + k) % 500), 'n', '[]', 1, 1, 1, r.opened_at FROM rounds r, generate_series(1, 5) k " +
      "ON CONFLICT DO NOTHING",
  );
  await db.run(
    "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) " +
      "SELECT 'slack', 'W', 'week:' || w, 'U' || u, 'n', u % 97, 1, 1 FROM generate_series(1, 500) u, generate_series(1, 20) w",
  );
  await db.run(
    "INSERT INTO streaks (platform, workspace, channel, user_id, current, best, last_round_id) " +
      "SELECT 'slack', 'W', 'C' || c, 'U' || u, 1, 1, 1 FROM generate_series(1, 500) u, generate_series(1, 20) c",
  );
  await db.run(
    "INSERT INTO competitions (platform, workspace, name, channel, started_by, starts_at, ends_at, ended_at) " +
      "SELECT 'slack', 'W' || g, 'cup', 'C', 'U1', '2026-01-01', '2026-02-01', CASE WHEN g % 100 = 0 THEN NULL ELSE '2026-02-01' END " +
      "FROM generate_series(1, 2000) g",
  );
  await db.run("ANALYZE");
});
afterAll(() => db.close());

/** The plan PostgreSQL picks for `sql` with these parameters, seq scans off. */
async function plan(sql: string, params: readonly unknown[]): Promise<string> {
  return db.transaction(async () => {
    await db.run("SET LOCAL enable_seqscan = off");
    const rows = await db.rows<{ "QUERY PLAN": string }>(`EXPLAIN (COSTS OFF) ${sql}`, params);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

const W = ["slack", "W", "week:3"];

describe("the PostgreSQL stores' hot queries use their indexes", () => {
  it.each([
    [
      "leaderboard top ten",
      'SELECT user_id FROM scores WHERE platform = $1 AND workspace = $2 AND period = $3 ORDER BY points DESC, user_id COLLATE "C" LIMIT 10',
      W,
      "scores_ranking",
    ],
    [
      "the asker's rank",
      "SELECT COUNT(*) FROM scores WHERE platform = $1 AND workspace = $2 AND period = $3 AND points > $4",
      [...W, 10],
      // On an empty table the planner takes any index led by the period's key; at size, scores_ranking.
      /scores_ranking|scores_by_name|scores_by_accuracy/,
    ],
    [
      "a person's row",
      "SELECT points FROM scores WHERE platform = $1 AND workspace = $2 AND period = $3 AND user_id = $4",
      [...W, "U1"],
      "scores_pkey",
    ],
    [
      "a round's answers",
      "SELECT * FROM answers WHERE round_id = $1 ORDER BY answered_at, id",
      [1],
      "answers_by_round_time",
    ],
    [
      "the channel's open round",
      "SELECT id FROM rounds WHERE platform = $1 AND workspace = $2 AND channel = $3 AND kind = 'channel' AND status = 'open'",
      ["slack", "W", "C"],
      "rounds_one_open_per_channel",
    ],
    [
      "a person's open quiz",
      "SELECT id FROM rounds WHERE platform = $1 AND workspace = $2 AND player = $3 AND kind = 'private' AND status = 'open' ORDER BY id DESC LIMIT 1",
      ["slack", "W", "U1"],
      "rounds_open_private",
    ],
    [
      "an answer recorded while the round is open",
      "WITH open_round AS (SELECT id FROM rounds WHERE id = $1 AND status = 'open' AND (closes_at IS NULL OR closes_at > $2) FOR SHARE) SELECT id FROM open_round",
      [1, "2026-03-02T09:00:00.000Z"],
      "rounds_pkey",
    ],
    [
      "a channel's latest questions",
      "SELECT question_id FROM rounds WHERE platform = $1 AND workspace = $2 AND channel = $3 AND kind = $4 AND player IS NOT DISTINCT FROM $5 AND voided_at IS NULL ORDER BY rounds.id DESC LIMIT 20",
      ["slack", "W", "C", "channel", null],
      "rounds_by_channel",
    ],
    [
      "a person's totals over revealed rounds",
      "SELECT COUNT(*) FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.user_id = $1 AND r.platform = $2 AND r.workspace = $3 AND r.status = 'revealed'",
      ["U1", "slack", "W"],
      "answers_by_user",
    ],
    [
      "a person's streak in a channel",
      "SELECT current FROM streaks WHERE platform = $1 AND workspace = $2 AND channel = $3 AND user_id = $4",
      ["slack", "W", "C", "U1"],
      "streaks_pkey",
    ],
    // What the scheduler reads every tick: only the rows it looks for, however long the history.
    [
      "rounds due to close",
      "SELECT id FROM rounds WHERE kind = 'channel' AND status = 'open' AND closes_at IS NOT NULL AND closes_at <= $1 ORDER BY id",
      ["2026-03-02T09:00:00.000Z"],
      // Either partial index holds only open channel rounds, a handful at any time.
      /rounds_due_to_close|rounds_one_open_per_channel/,
    ],
    [
      "reveals a crash interrupted",
      "SELECT id FROM rounds WHERE status = 'closed' AND voided_at IS NULL ORDER BY id",
      [],
      "rounds_closed_unrevealed",
    ],
    [
      "reveals that never reached their channel",
      "SELECT id FROM rounds WHERE status = 'revealed' AND kind = 'channel' AND reveal_announced_at IS NULL ORDER BY id",
      [],
      "rounds_unannounced",
    ],
    [
      "competitions due to end",
      "SELECT id FROM competitions WHERE ended_at IS NULL AND ends_at <= $1 ORDER BY id",
      ["2026-03-02T09:00:00.000Z"],
      // Either partial index holds only the running competitions, one per workspace at most.
      /competitions_due|competitions_one_active/,
    ],
  ])("%s", async (_name, sql, params, index) => {
    const p = await plan(sql, params);
    expect(p).not.toContain("Seq Scan");
    expect(p, p).toMatch(index);
  });
});
