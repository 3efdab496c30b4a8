import type { FlagReason, NewFlag, OpenFlag } from "../domain/flag.js";

/** An open flag's row as both engines return it. */
export interface RawFlag {
  question_id: string;
  round_id: number;
  user_id: string;
  reason: FlagReason;
  comment: string | null;
  flagged_at: string;
}

/** The values of a new flag's row, in column order from `platform` to `flagged_at`. */
export function flagValues(f: NewFlag) {
  return [
    f.platform,
    f.workspace,
    f.userId,
    f.questionId,
    f.roundId,
    f.reason,
    f.comment,
    f.at.toISOString(),
  ];
}

/** An open flag from its row. */
export function toOpenFlag(r: RawFlag): OpenFlag {
  return {
    questionId: r.question_id,
    roundId: r.round_id,
    userId: r.user_id,
    reason: r.reason,
    comment: r.comment,
    flaggedAt: new Date(r.flagged_at),
  };
}
