import type { Question } from "../domain/question.js";
import type { ChannelRef, Platform } from "../ports.js";

/** A round as stored. */
export interface RoundRow {
  readonly id: number;
  readonly channel: ChannelRef;
  readonly kind: "channel" | "private";
  readonly player: string | null;
  readonly question: Question;
  readonly status: "open" | "closed" | "revealed";
  readonly speedBonus: boolean;
  readonly competitionId: number | null;
  readonly openedAt: Date;
  readonly closesAt: Date | null;
  readonly messageRef: string | null;
  /** The question's own letters in the order they were shown (null: in order, from before shuffling). */
  readonly choiceOrder: string | null;
  /** When an admin withdrew the round instead of revealing it (no points), or null. */
  readonly voidedAt: Date | null;
}

/** An answer as stored. */
export interface AnswerRow {
  readonly id: number;
  readonly roundId: number;
  readonly userId: string;
  readonly displayName: string;
  readonly response: string[];
  readonly rightParts: number;
  readonly totalParts: number;
  readonly correct: boolean;
  readonly answeredAt: Date;
  readonly basePoints: number | null;
  readonly streakBonus: number | null;
  readonly speedBonus: number | null;
}

/** What opening a round stores. */
export interface NewRound {
  readonly channel: ChannelRef;
  readonly kind: "channel" | "private";
  readonly player: string | null;
  /** The question as shown: its choices already in `choiceOrder` and lettered as displayed. */
  readonly question: Question;
  readonly choiceOrder: string | null;
  readonly speedBonus: boolean;
  readonly competitionId: number | null;
  readonly openedAt: Date;
  readonly closesAt: Date | null;
}

/** What recording an answer stores. */
export interface NewAnswer {
  readonly roundId: number;
  readonly userId: string;
  readonly displayName: string;
  readonly response: readonly string[];
  readonly rightParts: number;
  readonly totalParts: number;
  readonly correct: boolean;
  readonly answeredAt: Date;
}

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
