import type { Platform } from "./channel.js";
import type { AskedCell } from "./matrix.js";
import type { Confidence, ItemRef, Memory, Recall, ReviewTrace } from "./memory.js";
import type { RoundRow } from "./round.js";

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

/** A "How sure?" tap as it was taken: the rating it gave and when each card is due now. */
export interface ConfidenceNoted {
  readonly confidence: Confidence;
  readonly recall: Recall;
  readonly cards: readonly { readonly item: ItemRef; readonly due: Date }[];
}

/** One channel's weekly digest. */
export interface Digest {
  readonly week: string;
  /** The cells the active members are most likely to have forgotten, most forgotten first. */
  readonly weakest: readonly CellForgetting[];
  /** Every cell some active member has met, for the heat map. */
  readonly cells: readonly CellForgetting[];
  /** The recognised cells the workspace looked up most in the last seven days (never what anyone typed). */
  readonly lookups: readonly AskedCell[];
}

/** How much of one cell a channel's active members have forgotten. */
export interface CellForgetting {
  /** "service/area" */
  readonly cell: string;
  /** The sum over members who have met the cell of 1 - their recall now. */
  readonly forgotten: number;
  /** Members who have met the cell. */
  readonly members: number;
  /** Their mean recall now, 0 to 1. */
  readonly recall: number;
}

/**
 * practice: the most due card first, until none is due; review: the misses, until each is answered right;
 * cram: everything in scope, regardless of due dates.
 */
export type SessionMode = SessionRow["mode"];

/** What a session does next: ask a question, or stop. */
export type SessionStep =
  | {
      readonly kind: "ask";
      readonly mode: SessionMode;
      readonly round: RoundRow;
      /** How many more are waiting after this one, new cards included. */
      readonly left: number;
      /** How many of those are new cards. */
      readonly newLeft: number;
      /** The person had another private question open; it comes first. */
      readonly earlier: boolean;
      /** A new card, introduced by this ask. */
      readonly fresh: boolean;
    }
  | {
      readonly kind: "done";
      readonly mode: SessionMode;
      readonly nextDue: Date | null;
      /** For practice: the new cards of today, the daily limit, and how many more wait. */
      readonly today: NewToday | null;
    };

/** Today's new cards as practice counts them. */
export interface NewToday {
  readonly introduced: number;
  readonly limit: number;
  /** Items the person has never met that later days will introduce. */
  readonly waiting: number;
}

/** A session ended by /srm stop: what it did, and what is still due. */
export interface SessionStopped {
  readonly mode: SessionMode;
  readonly answered: number;
  readonly skipped: number;
  readonly dueNow: number;
  readonly nextDue: Date | null;
}

/** A private question opened for one item. */
export interface Asked {
  readonly round: RoundRow;
  readonly earlier: boolean;
}

/** A person's memory of one service's cells and questions. */
interface ServiceRecall {
  readonly service: string;
  readonly cards: number;
  /** Mean probability of recall now, 0 to 1. */
  readonly recall: number;
}

/** A person's memory cards at a glance, for /srm stats. */
export interface MemoryStats {
  readonly cards: number;
  readonly due: number;
  /** Reviews of cards already learned in the last RETENTION_DAYS days, and how many were recalled. */
  readonly retention: { readonly reviews: number; readonly passed: number };
  /** Per service, least remembered first. */
  readonly services: readonly ServiceRecall[];
}

/** How many new cards a day practice introduces until a person says otherwise. */
export const DEFAULT_NEW_PER_DAY = 10;

/** A person's own practice settings. */
export interface PracticePrefs {
  /** New cards /srm practice introduces a day (0 to 100). */
  readonly newPerDay: number;
  /** An exam id or a service id the new cards follow; null for the default learning order. */
  readonly path: string | null;
}
