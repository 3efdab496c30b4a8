import type { ChannelRef, Platform } from "../domain/channel.js";
import type { Question } from "../domain/question.js";
import type { AnswerRow, NewAnswer, NewRound, RoundRow } from "../domain/round.js";

/** What recording an answer did: stored it, found the person's earlier one, or found the round closed (null). */
export type RecordedAnswer =
  | { readonly stored: true; readonly answer: AnswerRow }
  | { readonly stored: false; readonly answer: AnswerRow | null };

/** Rounds and answers, stored. */
export interface RoundStore {
  /** Stores a new open round with its cells; throws on a second open round in one channel. */
  open(r: NewRound): Promise<number>;
  /** The round with this id. */
  get(id: number): Promise<RoundRow | undefined>;
  /** The channel's open round, if any. */
  openInChannel(channel: ChannelRef): Promise<RoundRow | undefined>;
  /** A person's open private round, if any. */
  openForPlayer(platform: Platform, workspaceId: string, player: string): Promise<RoundRow | undefined>;
  /** Remembers the platform's message of a round. */
  setMessageRef(roundId: number, ref: string): Promise<void>;
  /** Closes an open round; false when it was not open. */
  close(roundId: number, at: Date): Promise<boolean>;
  /** Closes an open round as withdrawn (no points, never revealed); false when it was not open. */
  void(roundId: number, at: Date, by: string): Promise<boolean>;
  /** Replaces a revealed channel round's question with one whose answer key is corrected; false when it is not one. */
  fixKey(roundId: number, question: Question, at: Date): Promise<boolean>;
  /** Stores an answer's grade again after its round's key was corrected. */
  regrade(answerId: number, rightParts: number, totalParts: number, correct: boolean): Promise<void>;
  /** Voids a revealed channel round: closed, no points, never revealed again; false when it is not one. */
  voidRevealed(roundId: number, at: Date, by: string): Promise<boolean>;
  /** Marks a closed round revealed; false when it was not closed. */
  markRevealed(roundId: number, at: Date): Promise<boolean>;
  /**
   * Records an answer while the round is open and the person has not answered; returns the answer that
   * stands, or null when the round had closed (the check and the insert are one statement).
   */
  recordAnswer(a: NewAnswer): Promise<RecordedAnswer>;
  /** A person's answer to a round, if they gave one. */
  answerOf(roundId: number, userId: string): Promise<AnswerRow | undefined>;
  /** Every answer of a round, earliest first. */
  answers(roundId: number): Promise<AnswerRow[]>;
  /** How many people answered a round. */
  answerCount(roundId: number): Promise<number>;
  /** Stores the points an answer earned at the reveal. */
  setPoints(answerId: number, base: number, streak: number, speed: number): Promise<void>;
  /** How often each question was asked, and the latest first, in a channel (or to one person privately). */
  history(
    channel: ChannelRef,
    kind: "channel" | "private",
    player: string | null,
    recentLimit: number,
  ): Promise<{
    counts: Map<string, number>;
    recent: string[];
  }>;
  /** Channel rounds revealed in the database whose reveal never reached the channel. */
  revealedUnannounced(): Promise<RoundRow[]>;
  /** Records that a round's reveal reached its channel. */
  markRevealAnnounced(roundId: number, at: Date): Promise<void>;
  /** When a round's reveal reached its channel, or null. */
  revealAnnouncedAt(roundId: number): Promise<Date | null>;
  /** Open channel rounds whose closing time has come. */
  dueToClose(now: Date): Promise<RoundRow[]>;
  /** Rounds closed but not yet revealed (a reveal interrupted by a crash). */
  closedUnrevealed(): Promise<RoundRow[]>;
}
