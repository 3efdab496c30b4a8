import type { Platform } from "../../domain/channel.js";
import type { Rescorer } from "../../ports/flag-store.js";
import type { PgDb } from "./db.js";
import { type ReplayAnswer, type ReplayRound, replayWorkspace } from "./rescore-replay.js";

/** Rows written per statement: large workspaces go in a few round trips, each a bounded parameter size. */
const BATCH = 5_000;

/**
 * Scores a whole workspace again from its answers, after an admin changed a revealed round (a corrected key,
 * a voided question): every leaderboard period, every streak and every answer's points, by the same rules as
 * a reveal, in revealed-round order, in one transaction.
 */
export class PgRescoreStore implements Rescorer {
  constructor(private readonly db: PgDb) {}

  /** Rescores one workspace in one transaction; returns how many rounds and answers it replayed. */
  async rescoreWorkspace(
    platform: Platform,
    workspace: string,
  ): Promise<{ rounds: number; answers: number }> {
    return this.db.transaction(async () => {
      const revealed = "platform = $1 AND workspace = $2 AND kind = 'channel' AND status = 'revealed'";
      const rounds = await this.db.rows<ReplayRound>(
        `SELECT id, channel, speed_bonus, competition_id, opened_at FROM rounds WHERE ${revealed} ORDER BY id`,
        [platform, workspace],
      );
      // One read of every answer instead of one per round: a round trip each would dominate on a network.
      const answers = await this.db.rows<ReplayAnswer>(
        "SELECT a.id, a.round_id, a.user_id, a.display_name, a.right_parts, a.total_parts, a.correct FROM answers a " +
          `WHERE a.round_id IN (SELECT id FROM rounds WHERE ${revealed}) ORDER BY a.round_id, a.answered_at, a.id`,
        [platform, workspace],
      );
      const replay = replayWorkspace(rounds, answers);
      for (const batch of batches(replay.points))
        await this.db.run(
          "UPDATE answers SET base_points = v.b, streak_bonus = v.s, speed_bonus = v.p " +
            "FROM unnest($1::bigint[], $2::integer[], $3::integer[], $4::integer[]) AS v (id, b, s, p) WHERE answers.id = v.id",
          columns(batch, 4),
        );
      await this.db.run(
        "UPDATE answers SET base_points = 0, streak_bonus = 0, speed_bonus = 0 WHERE round_id IN " +
          "(SELECT id FROM rounds WHERE platform = $1 AND workspace = $2 AND kind = 'channel' AND voided_at IS NOT NULL)",
        [platform, workspace],
      );
      await this.db.run("DELETE FROM scores WHERE platform = $1 AND workspace = $2", [platform, workspace]);
      await this.db.run("DELETE FROM streaks WHERE platform = $1 AND workspace = $2", [platform, workspace]);
      const scoreRows = [...replay.scores].map(([key, s]): unknown[] => {
        const cut = key.indexOf("|");
        return [key.slice(0, cut), key.slice(cut + 1), s.name, s.points, s.answered, s.correct];
      });
      for (const batch of batches(scoreRows))
        await this.db.run(
          "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) " +
            "SELECT $1, $2, v.* FROM unnest($3::text[], $4::text[], $5::text[], $6::integer[], $7::integer[], $8::integer[]) AS v",
          [platform, workspace, ...columns(batch, 6)],
        );
      const streakRows: unknown[][] = [];
      for (const [channel, inChannel] of replay.streaks)
        for (const [userId, s] of inChannel)
          streakRows.push([channel, userId, s.current, s.best, s.lastRoundId]);
      for (const batch of batches(streakRows))
        await this.db.run(
          "INSERT INTO streaks (platform, workspace, channel, user_id, current, best, last_round_id) " +
            "SELECT $1, $2, v.* FROM unnest($3::text[], $4::text[], $5::integer[], $6::integer[], $7::bigint[]) AS v",
          [platform, workspace, ...columns(batch, 5)],
        );
      return { rounds: rounds.length, answers: replay.points.length };
    });
  }
}

/** Rows in slices of at most BATCH. */
function* batches<T>(rows: readonly T[]): Generator<readonly T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/** Rows turned into one array per column, for unnest(). */
function columns(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  const out: unknown[][] = Array.from({ length: width }, () => []);
  for (const row of rows) for (let c = 0; c < width; c++) (out[c] as unknown[]).push(row[c]);
  return out;
}
