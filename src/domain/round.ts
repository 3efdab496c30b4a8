import type { ChannelRef } from "./channel.js";
import type { Question } from "./question.js";

/** A round: a question asked in a channel or privately, and where it stands. */
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

/** One person's answer to a round, and the points it earned once revealed. */
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
