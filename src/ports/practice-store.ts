import type { ChannelRef } from "../domain/channel.js";
import type { Confidence, ItemRef, Memory, Recall, ReviewTrace } from "../domain/memory.js";
import type { CardRow, Person, PracticePrefs, ReviewRow, SessionRow } from "../domain/practice.js";

/** Memory cards, their review log, practice sessions and weekly digests, stored. */
export interface PracticeStore {
  /** A person's card of an item, if they have one. */
  card(who: Person, item: ItemRef): Promise<CardRow | undefined>;
  /** A person's card of an item, created with `fresh` when they have none. */
  ensureCard(who: Person, item: ItemRef, fresh: Memory, now: Date): Promise<CardRow>;
  /** Stores a card's new memory and the rating that led to it. */
  saveCard(cardId: number, memory: Memory, recall: Recall): Promise<void>;
  /** Every card of a person. */
  cards(who: Person): Promise<CardRow[]>;
  /** A person's cards due at `now`, longest due first. */
  dueCards(who: Person, now: Date): Promise<CardRow[]>;
  /** How many of a person's cards are due at `now`. */
  dueCount(who: Person, now: Date): Promise<number>;
  /** When a person's next card falls due after `now`, if they have one. */
  nextDue(who: Person, now: Date): Promise<Date | null>;
  /** Logs a review of a card given in a round; returns its id. */
  addReview(cardId: number, roundId: number, source: ReviewRow["source"], t: ReviewTrace): Promise<number>;
  /** The latest review of a card. */
  latestReview(cardId: number): Promise<ReviewRow | undefined>;
  /** A person's reviews from one round, with their cards. */
  roundReviews(
    who: Person,
    roundId: number,
  ): Promise<
    {
      review: ReviewRow;
      card: CardRow;
    }[]
  >;
  /** Changes the rating of a logged review after a "How sure?" tap (or a corrected key: no confidence). */
  rerate(reviewId: number, recall: Recall, confidence: Confidence | null): Promise<void>;
  /** Takes a card's latest review back (the card gets `before`); a card no review is left on is deleted. */
  undoReview(reviewId: number, cardId: number, before: Memory): Promise<void>;
  /** The round of a person's latest private answer that updated a card. */
  lastPrivateRound(who: Person): Promise<number | null>;
  /** Reviews of cards already in review since `since`, and how many of them were recalled. */
  retention(
    who: Person,
    since: Date,
  ): Promise<{
    reviews: number;
    passed: number;
  }>;
  /** A person's running session, if any. */
  session(who: Person): Promise<SessionRow | undefined>;
  /** Starts (or restarts) a person's session. */
  startSession(
    who: Person,
    mode: SessionRow["mode"],
    services: readonly string[] | null,
    at: Date,
  ): Promise<void>;
  /** Remembers the round a session now waits on. */
  setSessionRound(who: Person, roundId: number): Promise<void>;
  /** Counts an answer to the round a session waits on; a round the session no longer waits on is not counted. */
  countSessionAnswer(who: Person, roundId: number): Promise<void>;
  /** Remembers that the question of the round a session waits on was skipped. */
  skipInSession(who: Person, roundId: number, questionId: string): Promise<void>;
  /** Ends a person's session. */
  endSession(who: Person): Promise<void>;
  /** Marks a person's card as introduced by practice as a new card at `at` (counted against the day's limit). */
  introduce(who: Person, item: ItemRef, at: Date): Promise<void>;
  /** How many new cards practice introduced to a person since `since`. */
  introducedSince(who: Person, since: Date): Promise<number>;
  /** The keys ("kind:id") of every item a person has a card of. */
  itemKeys(who: Person): Promise<Set<string>>;
  /** A person's practice settings (defaults when never set). */
  prefs(who: Person): Promise<PracticePrefs>;
  /** Sets how many new cards a day practice introduces to a person. */
  setNewPerDay(who: Person, n: number): Promise<void>;
  /** Sets the path practice follows for a person (null: the default learning order). */
  setPath(who: Person, path: string | null): Promise<void>;
  /** The channels that asked for the weekly digest, and since when. */
  digestChannels(): Promise<
    {
      channel: ChannelRef;
      since: Date;
    }[]
  >;
  /** Claims a channel's digest of one week; false when it was claimed already. */
  claimDigest(channel: ChannelRef, week: string, at: Date): Promise<boolean>;
  /** Gives a claimed digest back, so a failed post is tried again. */
  releaseDigest(channel: ChannelRef, week: string): Promise<void>;
}
