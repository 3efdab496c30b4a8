import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import { RECENT_ANSWERERS } from "../../src/store/team-memory-store.js";

const { db } = openDatabase(":memory:", loadConfig({}).migrationsDir);

function plan(sql: string, ...args: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
    .map((r) => r.detail)
    .join("\n");
}

describe("the hot queries use their indexes", () => {
  it.each([
    [
      "leaderboard top ten",
      "SELECT user_id, points FROM scores WHERE platform = ? AND workspace = ? AND period = ? ORDER BY points DESC, user_id LIMIT 10",
    ],
    [
      "the asker's rank",
      "SELECT COUNT(*) FROM scores WHERE platform = ? AND workspace = ? AND period = ? AND points > ?",
    ],
    [
      "a person's row",
      "SELECT points FROM scores WHERE platform = ? AND workspace = ? AND period = ? AND user_id = ?",
    ],
    ["a round's answers", "SELECT * FROM answers WHERE round_id = ? ORDER BY answered_at, id"],
    [
      "the channel's open round",
      "SELECT id FROM rounds WHERE platform = ? AND workspace = ? AND channel = ? AND kind = 'channel' AND status = 'open'",
    ],
    [
      "a channel's question history",
      "SELECT question_id, COUNT(*) FROM rounds WHERE platform = ? AND workspace = ? AND channel = ? AND kind = ? AND (player IS ? OR player = ?) GROUP BY question_id",
    ],
    ["the latest answerers in a channel (the team-memory pick)", RECENT_ANSWERERS],
    [
      "a person's streak",
      "SELECT current FROM streaks WHERE platform = ? AND workspace = ? AND channel = ? AND user_id = ?",
    ],
  ])("%s: no full scan, no temporary B-tree", (_name, sql) => {
    const args = [...sql.matchAll(/\?/g)].map(() => "x");
    const p = plan(sql, ...args);
    expect(p).not.toMatch(/SCAN (scores|answers|rounds|streaks)\b(?! USING)/);
    expect(p).not.toContain("TEMP B-TREE FOR ORDER BY");
    expect(p).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY|USING INTEGER PRIMARY KEY/);
  });
});
