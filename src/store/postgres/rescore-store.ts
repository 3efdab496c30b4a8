import type { Platform } from "../../domain/channel.js";
import type { Rescorer } from "../../ports/flag-store.js";
import type { PgDb } from "./db.js";
import { type ReplayAnswer, type ReplayRound, replayWorkspace } from "./rescore-replay.js";
import { batches, columns, SCORES, STREAKS, syncWorkspaceRows } from "./rescore-writes.js";

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
      // Only the answers whose points changed are written: after one round's key fix, a few among many.
      for (const batch of batches(replay.points))
        await this.db.run(
          "UPDATE answers SET base_points = v.b, streak_bonus = v.s, speed_bonus = v.p " +
            "FROM unnest($1::bigint[], $2::integer[], $3::integer[], $4::integer[]) AS v (id, b, s, p) " +
            "WHERE answers.id = v.id AND (answers.base_points, answers.streak_bonus, answers.speed_bonus) IS DISTINCT FROM (v.b, v.s, v.p)",
          columns(batch, 4),
        );
      await this.db.run(
        "UPDATE answers SET base_points = 0, streak_bonus = 0, speed_bonus = 0 WHERE round_id IN " +
          "(SELECT id FROM rounds WHERE platform = $1 AND workspace = $2 AND kind = 'channel' AND voided_at IS NOT NULL) " +
          "AND (base_points, streak_bonus, speed_bonus) IS DISTINCT FROM (0, 0, 0)",
        [platform, workspace],
      );
      const scores = new Map<string, unknown[]>();
      for (const [key, s] of replay.scores) scores.set(key, [s.name, s.points, s.answered, s.correct]);
      await syncWorkspaceRows(this.db, SCORES, platform, workspace, scores);
      const streaks = new Map<string, unknown[]>();
      for (const [channel, inChannel] of replay.streaks)
        for (const [userId, s] of inChannel)
          streaks.set(`${channel}|${userId}`, [s.current, s.best, s.lastRoundId]);
      await syncWorkspaceRows(this.db, STREAKS, platform, workspace, streaks);
      return { rounds: rounds.length, answers: replay.points.length };
    });
  }
}
