import { basePoints, periodsOf, speedBonus, streakBonus } from "../domain/scoring.js";
import type { Db } from "./database.js";

/** A revealed channel round, as the replay reads it. */
export interface RoundRec {
  id: number;
  platform: string;
  workspace: string;
  channel: string;
  speed_bonus: number;
  competition_id: number | null;
  opened_at: string;
}
/** One answer to it, as the replay reads it. */
export interface AnswerRec {
  round_id: number;
  user_id: string;
  display_name: string;
  right_parts: number;
  total_parts: number;
  correct: number;
}

/** One leaderboard cell: points, answered and correct of a person in a period. */
export interface ScoreCell {
  points: number;
  answered: number;
  correct: number;
}

/**
 * Replays every revealed channel round from the answers table with the scoring rules, independently of
 * the stored totals, and returns the scores they must equal: key "platform|workspace|period|user".
 */
export function recomputeScores(db: Db): Map<string, ScoreCell> {
  const rounds = db
    .prepare(
      "SELECT id, platform, workspace, channel, speed_bonus, competition_id, opened_at FROM rounds WHERE kind = 'channel' AND status = 'revealed' ORDER BY id",
    )
    .all() as RoundRec[];
  const answersOf = db.prepare(
    "SELECT round_id, user_id, display_name, right_parts, total_parts, correct FROM answers WHERE round_id = ? ORDER BY answered_at, id",
  );
  return replayScores(rounds, (id) => answersOf.all(id) as AnswerRec[]);
}

/**
 * The scoring rules replayed over revealed channel rounds (in id order) and each round's answers (in the
 * order they were given): the one replay both database engines verify against.
 */
export function replayScores(
  rounds: Iterable<RoundRec>,
  answersOf: (roundId: number) => readonly AnswerRec[],
): Map<string, ScoreCell> {
  const streaks = new Map<string, number>();
  const scores = new Map<string, ScoreCell>();
  for (const r of rounds) {
    const channelKey = `${r.platform}|${r.workspace}|${r.channel}`;
    const answers = answersOf(r.id);
    const periods = periodsOf(new Date(r.opened_at));
    const keys = [
      "all",
      periods.week,
      periods.month,
      ...(r.competition_id !== null ? [`competition:${r.competition_id}`] : []),
    ];
    const answered = new Set<string>();
    let correctSoFar = 0;
    for (const a of answers) {
      answered.add(a.user_id);
      const streakKey = `${channelKey}|${a.user_id}`;
      const current = a.correct ? (streaks.get(streakKey) ?? 0) + 1 : 0;
      streaks.set(streakKey, current);
      let points = basePoints({
        rightParts: a.right_parts,
        totalParts: a.total_parts,
        correct: a.correct === 1,
      });
      if (a.correct) {
        points += streakBonus(current);
        if (r.speed_bonus) points += speedBonus(correctSoFar);
        correctSoFar++;
      }
      for (const period of keys) {
        const key = `${r.platform}|${r.workspace}|${period}|${a.user_id}`;
        const cell = scores.get(key) ?? { points: 0, answered: 0, correct: 0 };
        cell.points += points;
        cell.answered += 1;
        cell.correct += a.correct;
        scores.set(key, cell);
      }
    }
    // A channel round someone did not answer ends their streak.
    for (const key of streaks.keys())
      if (key.startsWith(`${channelKey}|`) && !answered.has(key.slice(channelKey.length + 1)))
        streaks.set(key, 0);
  }
  return scores;
}

/** The stored scores in the same shape, for comparing with a recomputation. */
export function storedScores(db: Db): Map<string, ScoreCell> {
  const rows = db
    .prepare("SELECT platform, workspace, period, user_id, points, answered, correct FROM scores")
    .all() as StoredScore[];
  return storedCells(rows);
}

/** A stored score's row as both engines return it. */
export interface StoredScore {
  platform: string;
  workspace: string;
  period: string;
  user_id: string;
  points: number;
  answered: number;
  correct: number;
}

/** Stored score rows as cells keyed "platform|workspace|period|user", as the recomputation keys them. */
export function storedCells(rows: readonly StoredScore[]): Map<string, ScoreCell> {
  return new Map(
    rows.map((r) => [
      `${r.platform}|${r.workspace}|${r.period}|${r.user_id}`,
      { points: r.points, answered: r.answered, correct: r.correct },
    ]),
  );
}

/** The keys whose stored score differs from the recomputation (empty when they agree). */
export function scoreDifferences(db: Db): string[] {
  return differingKeys(recomputeScores(db), storedScores(db));
}

/** The keys of two score maps whose cells differ, sorted. */
export function differingKeys(expected: Map<string, ScoreCell>, stored: Map<string, ScoreCell>): string[] {
  const keys = new Set([...expected.keys(), ...stored.keys()]);
  return [...keys].filter((k) => JSON.stringify(expected.get(k)) !== JSON.stringify(stored.get(k))).sort();
}
