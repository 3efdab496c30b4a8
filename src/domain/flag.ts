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
