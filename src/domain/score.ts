import type { Competition } from "./competition.js";

/** One row of a leaderboard period. */
export interface ScoreRow {
  readonly userId: string;
  readonly displayName: string;
  readonly points: number;
  readonly answered: number;
  readonly correct: number;
}

/** A person's streak in one channel. */
export interface StreakRow {
  readonly current: number;
  readonly best: number;
  readonly lastRoundId: number;
}

/** Per-person totals over all their answers (daily rounds and private quizzes). */
export interface PersonTotals {
  readonly answered: number;
  readonly correct: number;
}

/** Accuracy of a person on one service or area. */
export interface CellAccuracy {
  readonly id: string;
  readonly answered: number;
  readonly correct: number;
}

/** A leaderboard row with its rank (ties share one). */
export interface RankedRow extends ScoreRow {
  readonly rank: number;
}

/** A leaderboard, ready to show. */
export interface Leaderboard {
  readonly title: string;
  readonly by: "points" | "accuracy";
  readonly rows: readonly RankedRow[];
  /** The asker's own row when it is not among `rows`. */
  readonly own: RankedRow | null;
  readonly people: number;
  readonly competition: Competition | null;
}

/** A person's stats. */
export interface PersonStats {
  readonly displayName: string;
  readonly answered: number;
  readonly correct: number;
  readonly currentStreak: number;
  readonly bestStreak: number;
  readonly points: number;
  readonly rank: number | null;
  readonly strongest: { services: CellAccuracy[]; areas: CellAccuracy[] };
  readonly weakest: { services: CellAccuracy[]; areas: CellAccuracy[] };
}
