import type { Platform } from "../domain/channel.js";
import type { Question } from "../domain/question.js";
import type { AnswerRow, RoundRow } from "../domain/round.js";

/** A round's row as SQLite returns it. */
export interface RawRound {
  id: number;
  platform: string;
  workspace: string;
  channel: string;
  kind: "channel" | "private";
  player: string | null;
  question_json: string;
  status: "open" | "closed" | "revealed";
  speed_bonus: number;
  competition_id: number | null;
  opened_at: string;
  closes_at: string | null;
  message_ref: string | null;
  choice_order: string | null;
  voided_at: string | null;
}

/** An answer's row as SQLite returns it. */
export interface RawAnswer {
  id: number;
  round_id: number;
  user_id: string;
  display_name: string;
  response: string;
  right_parts: number;
  total_parts: number;
  correct: number;
  answered_at: string;
  base_points: number | null;
  streak_bonus: number | null;
  speed_bonus: number | null;
}

/** A round's row without its question, which is read once per round and kept parsed. */
export type RawRoundHead = Omit<RawRound, "question_json">;

/** The columns of a round besides its question, and with it. */
export const ROUND_HEAD_COLUMNS =
  "id, platform, workspace, channel, kind, player, status, speed_bonus, competition_id, opened_at, closes_at, message_ref, choice_order, voided_at";
export const ROUND_COLUMNS = `${ROUND_HEAD_COLUMNS}, question_json`;

/** A stored round as the engine sees it, with its question already parsed. */
export function toRound(r: RawRoundHead, question: Question): RoundRow {
  return {
    id: r.id,
    channel: { platform: r.platform as Platform, workspaceId: r.workspace, channelId: r.channel },
    kind: r.kind,
    player: r.player,
    question,
    status: r.status,
    speedBonus: r.speed_bonus === 1,
    competitionId: r.competition_id,
    openedAt: new Date(r.opened_at),
    closesAt: r.closes_at ? new Date(r.closes_at) : null,
    messageRef: r.message_ref,
    choiceOrder: r.choice_order,
    voidedAt: r.voided_at ? new Date(r.voided_at) : null,
  };
}

/** A stored answer as the engine sees it. */
export function toAnswer(r: RawAnswer): AnswerRow {
  return {
    id: r.id,
    roundId: r.round_id,
    userId: r.user_id,
    displayName: r.display_name,
    response: JSON.parse(r.response) as string[],
    rightParts: r.right_parts,
    totalParts: r.total_parts,
    correct: r.correct === 1,
    answeredAt: new Date(r.answered_at),
    basePoints: r.base_points,
    streakBonus: r.streak_bonus,
    speedBonus: r.speed_bonus,
  };
}
