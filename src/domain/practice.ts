import type { Platform } from "./channel.js";
import type { Confidence, ItemRef, Memory, Recall, ReviewTrace } from "./memory.js";

/** Whose cards: a person in one workspace of one platform. */
export interface Person {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly userId: string;
}

/** A memory card as stored. */
export interface CardRow {
  readonly id: number;
  readonly userId: string;
  readonly item: ItemRef;
  readonly memory: Memory;
  /** The rating of the latest review; null before the first. */
  readonly lastRecall: Recall | null;
  /** The id of the latest review, which orders reviews even within one instant; null before the first. */
  readonly lastReviewId: number | null;
}

/** A review as stored, with the log of the memory before it. */
export interface ReviewRow {
  readonly id: number;
  readonly cardId: number;
  readonly roundId: number;
  readonly source: "channel" | "private";
  readonly confidence: Confidence | null;
  readonly trace: ReviewTrace;
}

/** What a running practice, review or cram remembers. */
export interface SessionRow {
  readonly mode: "practice" | "review" | "cram";
  /** The services a cram covers; null for every card the person has. */
  readonly services: readonly string[] | null;
  readonly startedAt: Date;
  /** The latest review id when the session began. */
  readonly sinceReview: number;
  /** The private round the session waits on. */
  readonly roundId: number | null;
  /** How many of its questions were answered ("I don't know" included). */
  readonly answered: number;
  /** The ids of the questions skipped, which the session does not ask again. */
  readonly skipped: readonly string[];
}
