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
