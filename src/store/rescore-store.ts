import type { Platform } from "../domain/channel.js";
import { basePoints, periodsOf, speedBonus, streakBonus } from "../domain/scoring.js";
import type { Rescorer } from "../ports/flag-store.js";
import type { Db } from "./database.js";
import type { Sync } from "./sqlite-gate.js";

interface RoundRec {
  id: number;
  channel: string;
  speed_bonus: number;
  competition_id: number | null;
  opened_at: string;
}
interface AnswerRec {
  id: number;
  user_id: string;
  display_name: string;
  right_parts: number;
  total_parts: number;
  correct: number;
}
interface Streak {
  current: number;
  best: number;
  lastRoundId: number;
}

/**
 * Scores a whole workspace again from its answers, after an admin changed a revealed round (a corrected key,
 * a voided question): every leaderboard period, every streak and every answer's points, by the same rules as
 * a reveal, in revealed-round order. What `srm db verify` recomputes is what this stores.
 */
export class RescoreStore implements Sync<Rescorer> {
  private readonly q;

  constructor(private readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      rounds: p(
        "SELECT id, channel, speed_bonus, competition_id, opened_at FROM rounds " +
          "WHERE platform = ? AND workspace = ? AND kind = 'channel' AND status = 'revealed' ORDER BY id",
      ),
      answers: p(
        "SELECT id, user_id, display_name, right_parts, total_parts, correct FROM answers WHERE round_id = ? ORDER BY answered_at, id",
      ),
      zeroVoided: p(
        "UPDATE answers SET base_points = 0, streak_bonus = 0, speed_bonus = 0 WHERE round_id IN " +
          "(SELECT id FROM rounds WHERE platform = ? AND workspace = ? AND kind = 'channel' AND voided_at IS NOT NULL)",
      ),
      setPoints: p("UPDATE answers SET base_points = ?, streak_bonus = ?, speed_bonus = ? WHERE id = ?"),
      clearScores: p("DELETE FROM scores WHERE platform = ? AND workspace = ?"),
      clearStreaks: p("DELETE FROM streaks WHERE platform = ? AND workspace = ?"),
      putScore: p(
        "INSERT INTO scores (platform, workspace, period, user_id, display_name, points, answered, correct) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      putStreak: p(
        "INSERT INTO streaks (platform, workspace, channel, user_id, current, best, last_round_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
    };
  }

  /** Rescores one workspace in one transaction; returns how many rounds and answers it replayed. */
  rescoreWorkspace(platform: Platform, workspace: string): { rounds: number; answers: number } {
    return this.db
      .transaction(() => {
        const rounds = this.q.rounds.all(platform, workspace) as RoundRec[];
        const streaks = new Map<string, Map<string, Streak>>();
        const scores = new Map<string, { name: string; points: number; answered: number; correct: number }>();
        let replayed = 0;
        for (const r of rounds) {
          const inChannel = streaks.get(r.channel) ?? new Map<string, Streak>();
          streaks.set(r.channel, inChannel);
          const periods = periodsOf(new Date(r.opened_at));
          const keys = ["all", periods.week, periods.month];
          if (r.competition_id !== null) keys.push(`competition:${r.competition_id}`);
          let correctSoFar = 0;
          for (const a of this.q.answers.all(r.id) as AnswerRec[]) {
            replayed++;
            const correct = a.correct === 1;
            const prev = inChannel.get(a.user_id);
            const current = correct ? (prev?.current ?? 0) + 1 : 0;
            inChannel.set(a.user_id, {
              current,
              best: Math.max(prev?.best ?? 0, current),
              lastRoundId: r.id,
            });
            const base = basePoints({ rightParts: a.right_parts, totalParts: a.total_parts, correct });
            const streak = correct ? streakBonus(current) : 0;
            const speed = correct && r.speed_bonus === 1 ? speedBonus(correctSoFar) : 0;
            if (correct) correctSoFar++;
            this.q.setPoints.run(base, streak, speed, a.id);
            for (const period of keys) {
              const key = `${period}|${a.user_id}`;
              const cell = scores.get(key) ?? { name: a.display_name, points: 0, answered: 0, correct: 0 };
              scores.set(key, {
                name: a.display_name,
                points: cell.points + base + streak + speed,
                answered: cell.answered + 1,
                correct: cell.correct + (correct ? 1 : 0),
              });
            }
          }
          // A channel round someone did not answer ends their streak there.
          for (const s of inChannel.values()) if (s.lastRoundId !== r.id) s.current = 0;
        }
        this.q.zeroVoided.run(platform, workspace);
        this.q.clearScores.run(platform, workspace);
        this.q.clearStreaks.run(platform, workspace);
        for (const [key, s] of scores) {
          const cut = key.indexOf("|");
          this.q.putScore.run(
            ...[platform, workspace, key.slice(0, cut), key.slice(cut + 1), s.name],
            ...[s.points, s.answered, s.correct],
          );
        }
        for (const [channel, inChannel] of streaks)
          for (const [userId, s] of inChannel)
            this.q.putStreak.run(platform, workspace, channel, userId, s.current, s.best, s.lastRoundId);
        return { rounds: rounds.length, answers: replayed };
      })
      .immediate();
  }
}
