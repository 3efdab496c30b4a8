import type { Platform } from "../../domain/channel.js";
import type { Rescorer } from "../../ports/flag-store.js";
import type { PgDb } from "./db.js";
import { type ReplayAnswer, type ReplayRound, WorkspaceReplay } from "./rescore-replay.js";
import { batches, columns, SCORES, STREAKS, syncWorkspaceRows } from "./rescore-writes.js";

/** Rounds whose answers are read in one statement. */
const ROUNDS_PER_READ = 2_000;

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
      // Answers are read a slice of rounds at a time (one round trip per slice, not per round), so memory
      // holds a slice's answers and the scores, not every answer of a big workspace.
      const replay = new WorkspaceReplay();
      let replayed = 0;
      for (const slice of batches(rounds, ROUNDS_PER_READ)) {
        const answers = await this.db.rows<ReplayAnswer>(
          "SELECT id, round_id, user_id, display_name, right_parts, total_parts, correct FROM answers " +
            "WHERE round_id = ANY($1::bigint[]) ORDER BY round_id, answered_at, id",
          [slice.map((r) => r.id)],
        );
        const points = replay.play(slice, answers);
        replayed += points.length;
        // Only the answers whose points changed are written: after one round's key fix, a few among many.
        for (const batch of batches(points))
          await this.db.run(
            "UPDATE answers SET base_points = v.b, streak_bonus = v.s, speed_bonus = v.p " +
              "FROM unnest($1::bigint[], $2::integer[], $3::integer[], $4::integer[]) AS v (id, b, s, p) " +
              "WHERE answers.id = v.id AND (answers.base_points, answers.streak_bonus, answers.speed_bonus) IS DISTINCT FROM (v.b, v.s, v.p)",
            columns(batch, 4),
          );
      }
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
      for (const [channel, inChannel] of replay.finish())
        for (const [userId, s] of inChannel)
          streaks.set(`${channel}|${userId}`, [s.current, s.best, s.lastRoundId]);
      await syncWorkspaceRows(this.db, STREAKS, platform, workspace, streaks);
      return { rounds: rounds.length, answers: replayed };
    });
  }
}
