import type { Platform } from "./channel.js";
import type { RoundRow } from "./round.js";

/** Why a person flags a question. */
export type FlagReason = "wrong-answer" | "ambiguous" | "several-right" | "outdated" | "typo";

/** Every reason, in the order the buttons show them. */
export const FLAG_REASONS: readonly FlagReason[] = [
  "wrong-answer",
  "ambiguous",
  "several-right",
  "outdated",
  "typo",
];

/** How an admin resolved a question's flags. */
export type FlagResolution = "dismissed" | "key-fixed" | "voided";

/** How many different people it takes to hold a question out of rotation until an admin resolves its flags. */
export const HOLD_OUT_FLAGGERS = 3;

/** What a new flag stores. */
export interface NewFlag {
  readonly platform: Platform;
  readonly workspace: string;
  readonly userId: string;
  readonly questionId: string;
  readonly roundId: number;
  readonly reason: FlagReason;
  readonly comment: string | null;
  readonly at: Date;
}

/** One open flag as admins read it. */
export interface OpenFlag {
  readonly questionId: string;
  readonly roundId: number;
  readonly userId: string;
  readonly reason: FlagReason;
  readonly comment: string | null;
  readonly flaggedAt: Date;
}

/** Open flags counted per question and reason, over every workspace (for content authors). */
export interface FlagCount {
  readonly questionId: string;
  readonly reason: FlagReason;
  readonly count: number;
}

/** Expected failures of flag commands, turned into words by one table in the flag view. */
export type FlagFailure =
  | { readonly code: "NoSuchRound"; readonly text: string }
  | { readonly code: "NotRevealedYet" }
  | { readonly code: "NotAChannelReveal"; readonly roundId: number }
  | { readonly code: "BadReason"; readonly text: string }
  | { readonly code: "CommentTooLong" }
  | { readonly code: "AlreadyFlagged" }
  | { readonly code: "NoOpenFlags"; readonly questionId: string }
  | { readonly code: "BadKey"; readonly text: string; readonly keys: readonly string[] }
  | { readonly code: "SplitKey" }
  | { readonly code: "SameKey" };

/** What a key fix or a void did. */
export interface Resolution {
  readonly round: RoundRow;
  readonly answers: number;
  /** Answers whose right or wrong changed (a key fix). */
  readonly changed: number;
  readonly flagsResolved: number;
  /** What the platform said when it refused the channel's announcement, or null. */
  readonly announceFailure: string | null;
}

/** The open flags of a workspace, and the questions they hold out of rotation. */
export interface FlagList {
  readonly open: readonly OpenFlag[];
  readonly held: ReadonlySet<string>;
}
