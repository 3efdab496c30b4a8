import type { Platform } from "../domain/channel.js";
import type { Question } from "../domain/question.js";
import type { AnswerRow, NewAnswer, NewRound, RoundRow } from "../domain/round.js";

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

/** The values of a new round's row, in column order from `platform` to `closes_at` (the status is fixed). */
export function roundValues(r: NewRound) {
  return [
    r.channel.platform,
    r.channel.workspaceId,
    r.channel.channelId,
    r.kind,
    r.player,
    r.question.id,
    JSON.stringify(r.question),
    r.choiceOrder,
    r.speedBonus ? 1 : 0,
    r.competitionId,
    r.openedAt.toISOString(),
    r.closesAt?.toISOString() ?? null,
  ];
}

/** The values of a new answer's row, in column order from `round_id` to `answered_at`. */
export function answerValues(a: NewAnswer) {
  return [
    a.roundId,
    a.userId,
    a.displayName,
    JSON.stringify(a.response),
    a.rightParts,
    a.totalParts,
    a.correct ? 1 : 0,
    a.answeredAt.toISOString(),
  ];
}

/** The answer just stored under `id`, as reading its row back would give it: not scored yet. */
export function storedAnswer(id: number, a: NewAnswer): AnswerRow {
  return {
    id,
    roundId: a.roundId,
    userId: a.userId,
    displayName: a.displayName,
    response: [...a.response],
    rightParts: a.rightParts,
    totalParts: a.totalParts,
    correct: a.correct,
    answeredAt: new Date(a.answeredAt),
    basePoints: null,
    streakBonus: null,
    speedBonus: null,
  };
}
