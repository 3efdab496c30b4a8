import { FLAG_REASONS, type FlagReason } from "../domain/flag.js";
import type { Action } from "./card.js";

/** The button id of "Flag" on a round ("flag:<round>") or of one reason ("flag:<round>:<reason>"). */
export function flagActionId(roundId: number, reason: FlagReason | null = null): string {
  return reason === null ? `flag:${roundId}` : `flag:${roundId}:${reason}`;
}

/** Reads a flag button id back; null when it is not one. */
export function parseFlagActionId(id: string): { roundId: number; reason: FlagReason | null } | null {
  const m = /^flag:(\d{1,12})(?::([a-z-]{1,20}))?$/.exec(id);
  if (!m) return null;
  if (m[2] === undefined) return { roundId: Number(m[1]), reason: null };
  const reason = FLAG_REASONS.find((r) => r === m[2]);
  return reason ? { roundId: Number(m[1]), reason } : null;
}

/** The "Flag" button every reveal and private result carries. */
export function flagAction(roundId: number): Action {
  return { id: flagActionId(roundId), label: "Flag" };
}
