import type { ChannelRef } from "../domain/channel.js";
import {
  type Confidence,
  type ItemRef,
  MEMORY_PHASES,
  type Memory,
  RECALL_CODES,
  type Recall,
  type ReviewTrace,
} from "../domain/memory.js";
import {
  type CardRow,
  DEFAULT_NEW_PER_DAY,
  type Person,
  type PracticePrefs,
  type ReviewRow,
  type SessionRow,
} from "../domain/practice.js";
import type { PracticeStore } from "../ports/practice-store.js";
import type { Db } from "./database.js";
import { inChannel } from "./keys.js";
import {
  memoryArgs,
  type Raw,
  type RawDigestChannel,
  toCard,
  toDigestChannel,
  toReview,
  toSession,
} from "./practice-rows.js";
import type { Sync } from "./sqlite-gate.js";

const CARD =
  "c.id, c.user_id, c.item_kind, c.item_id, c.state, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days, " +
  "c.learning_steps, c.reps, c.lapses, c.last_review, c.last_rating, " +
  "(SELECT MAX(x.id) FROM practice_reviews x WHERE x.card_id = c.id) AS last_review_id";
const REVIEW =
  "r.id, r.card_id, r.round_id, r.source, r.rating, r.confidence, r.reviewed_at, r.state, r.due, r.stability, r.difficulty, " +
  "r.elapsed_days, r.last_elapsed_days, r.scheduled_days, r.learning_steps";
const MINE = "c.platform = ? AND c.workspace = ? AND c.user_id = ?";
const IN_CHANNEL = "platform = ? AND workspace = ? AND channel = ?";

const mine = (w: Person) => [w.platform, w.workspaceId, w.userId] as const;

/** Memory cards, their review log, practice sessions and weekly digests in SQLite. */
export class SqlitePracticeStore implements Sync<PracticeStore> {
  private readonly q;

  constructor(private readonly db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      card: p(`SELECT ${CARD} FROM practice_cards c WHERE ${MINE} AND c.item_kind = ? AND c.item_id = ?`),
      cardById: p(`SELECT ${CARD} FROM practice_cards c WHERE c.id = ?`),
      insertCard: p(
        "INSERT INTO practice_cards (platform, workspace, user_id, item_kind, item_id, state, due, stability, difficulty, " +
          "elapsed_days, scheduled_days, learning_steps, reps, lapses, last_review, created_at) " +
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      ),
      saveCard: p(
        "UPDATE practice_cards SET state = ?, due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, " +
          "learning_steps = ?, reps = ?, lapses = ?, last_review = ?, last_rating = ? WHERE id = ?",
      ),
      cards: p(`SELECT ${CARD} FROM practice_cards c WHERE ${MINE}`),
      dueCards: p(`SELECT ${CARD} FROM practice_cards c WHERE ${MINE} AND c.due <= ? ORDER BY c.due, c.id`),
      dueCount: p(`SELECT COUNT(*) AS n FROM practice_cards c WHERE ${MINE} AND c.due <= ?`),
      nextDue: p(`SELECT MIN(c.due) AS due FROM practice_cards c WHERE ${MINE} AND c.due > ?`),
      insertReview: p(
        "INSERT INTO practice_reviews (card_id, round_id, source, rating, reviewed_at, state, due, stability, difficulty, " +
          "elapsed_days, last_elapsed_days, scheduled_days, learning_steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      latestReview: p(
        `SELECT ${REVIEW} FROM practice_reviews r WHERE r.card_id = ? ORDER BY r.id DESC LIMIT 1`,
      ),
      roundReviews: p(
        `SELECT ${REVIEW} FROM practice_reviews r JOIN practice_cards c ON c.id = r.card_id WHERE ${MINE} AND r.round_id = ? ORDER BY r.id`,
      ),
      rerate: p("UPDATE practice_reviews SET rating = ?, confidence = ? WHERE id = ?"),
      deleteReview: p("DELETE FROM practice_reviews WHERE id = ?"),
      deleteUnreviewedCard: p(
        "DELETE FROM practice_cards WHERE id = ? AND NOT EXISTS (SELECT 1 FROM practice_reviews WHERE card_id = ?)",
      ),
      restoreCard: p(
        "UPDATE practice_cards SET state = ?, due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?, " +
          "learning_steps = ?, reps = ?, lapses = ?, last_review = ?, " +
          "last_rating = (SELECT r.rating FROM practice_reviews r WHERE r.card_id = ? ORDER BY r.id DESC LIMIT 1) WHERE id = ?",
      ),
      lastPrivateRound: p(
        `SELECT r.round_id AS id FROM practice_reviews r JOIN practice_cards c ON c.id = r.card_id WHERE ${MINE} AND r.source = 'private' ORDER BY r.id DESC LIMIT 1`,
      ),
      retention: p(
        "SELECT COUNT(*) AS reviews, COALESCE(SUM(r.rating > 1), 0) AS passed FROM practice_reviews r JOIN practice_cards c ON c.id = r.card_id " +
          `WHERE ${MINE} AND r.state = 2 AND r.reviewed_at >= ?`,
      ),
      session: p(
        "SELECT mode, services, started_at, since_review, round_id, answered, skipped FROM practice_sessions WHERE platform = ? AND workspace = ? AND user_id = ?",
      ),
      startSession: p(
        "INSERT INTO practice_sessions (platform, workspace, user_id, mode, services, started_at, since_review, round_id) " +
          "VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM practice_reviews), NULL) " +
          "ON CONFLICT (platform, workspace, user_id) DO UPDATE SET mode = excluded.mode, services = excluded.services, " +
          "started_at = excluded.started_at, since_review = excluded.since_review, round_id = NULL, answered = 0, skipped = '[]'",
      ),
      sessionRound: p(
        "UPDATE practice_sessions SET round_id = ? WHERE platform = ? AND workspace = ? AND user_id = ?",
      ),
      sessionAnswered: p(
        "UPDATE practice_sessions SET answered = answered + 1 WHERE platform = ? AND workspace = ? AND user_id = ? AND round_id = ?",
      ),
      sessionSkipped: p(
        "UPDATE practice_sessions SET skipped = json_insert(skipped, '$[#]', ?) WHERE platform = ? AND workspace = ? AND user_id = ? AND round_id = ?",
      ),
      endSession: p("DELETE FROM practice_sessions WHERE platform = ? AND workspace = ? AND user_id = ?"),
      introduce: p(
        `UPDATE practice_cards SET introduced_at = ? WHERE platform = ? AND workspace = ? AND user_id = ? AND item_kind = ? AND item_id = ? AND introduced_at IS NULL`,
      ),
      introducedSince: p(`SELECT COUNT(*) AS n FROM practice_cards c WHERE ${MINE} AND c.introduced_at >= ?`),
      itemKeys: p(`SELECT c.item_kind || ':' || c.item_id AS k FROM practice_cards c WHERE ${MINE}`).pluck(),
      prefs: p(
        "SELECT new_per_day, path FROM practice_prefs WHERE platform = ? AND workspace = ? AND user_id = ?",
      ),
      putNewPerDay: p(
        "INSERT INTO practice_prefs (platform, workspace, user_id, new_per_day) VALUES (?, ?, ?, ?) " +
          "ON CONFLICT (platform, workspace, user_id) DO UPDATE SET new_per_day = excluded.new_per_day",
      ),
      putPath: p(
        "INSERT INTO practice_prefs (platform, workspace, user_id, path) VALUES (?, ?, ?, ?) " +
          "ON CONFLICT (platform, workspace, user_id) DO UPDATE SET path = excluded.path",
      ),
      digestChannels: p(
        "SELECT platform, workspace, channel, digest_since AS since FROM channel_settings WHERE weekly_digest = 1 ORDER BY platform, workspace, channel",
      ),
      claimDigest: p(
        "INSERT INTO practice_digests (platform, workspace, channel, week, sent_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      ),
      releaseDigest: p(`DELETE FROM practice_digests WHERE ${IN_CHANNEL} AND week = ?`),
    };
  }

  /** One transaction of this store's own statements (a savepoint inside a running one). */
  private transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** A person's card of an item, if they have one. */
  card(who: Person, item: ItemRef): CardRow | undefined {
    const raw = this.q.card.get(...mine(who), item.kind, item.id) as Raw | undefined;
    return raw ? toCard(raw) : undefined;
  }

  /** A person's card of an item, created with `fresh` when they have none. */
  ensureCard(who: Person, item: ItemRef, fresh: Memory, now: Date): CardRow {
    this.q.insertCard.run(...mine(who), item.kind, item.id, ...memoryArgs(fresh), now.toISOString());
    return this.card(who, item) as CardRow;
  }

  /** Stores a card's new memory and the rating that led to it. */
  saveCard(cardId: number, memory: Memory, recall: Recall): void {
    this.q.saveCard.run(...memoryArgs(memory), RECALL_CODES[recall], cardId);
  }

  /** Every card of a person. */
  cards(who: Person): CardRow[] {
    return (this.q.cards.all(...mine(who)) as Raw[]).map(toCard);
  }

  /** A person's cards due at `now`, longest due first. */
  dueCards(who: Person, now: Date): CardRow[] {
    return (this.q.dueCards.all(...mine(who), now.toISOString()) as Raw[]).map(toCard);
  }

  /** How many of a person's cards are due at `now`. */
  dueCount(who: Person, now: Date): number {
    return (this.q.dueCount.get(...mine(who), now.toISOString()) as { n: number }).n;
  }

  /** When a person's next card falls due after `now`, if they have one. */
  nextDue(who: Person, now: Date): Date | null {
    const raw = this.q.nextDue.get(...mine(who), now.toISOString()) as { due: string | null };
    return raw.due ? new Date(raw.due) : null;
  }

  /** Logs a review of a card given in a round; returns its id. */
  addReview(cardId: number, roundId: number, source: ReviewRow["source"], t: ReviewTrace): number {
    const info = this.q.insertReview.run(
      ...[cardId, roundId, source, RECALL_CODES[t.recall], t.reviewedAt.toISOString()],
      ...[MEMORY_PHASES.indexOf(t.phase), t.due.toISOString(), t.stability, t.difficulty],
      ...[t.elapsedDays, t.lastElapsedDays, t.scheduledDays, t.learningSteps],
    );
    return Number(info.lastInsertRowid);
  }

  /** The latest review of a card. */
  latestReview(cardId: number): ReviewRow | undefined {
    const raw = this.q.latestReview.get(cardId) as Raw | undefined;
    return raw ? toReview(raw) : undefined;
  }

  /** A person's reviews from one round, with their cards. */
  roundReviews(who: Person, roundId: number): { review: ReviewRow; card: CardRow }[] {
    return (this.q.roundReviews.all(...mine(who), roundId) as Raw[]).map(toReview).map((review) => ({
      review,
      card: toCard(this.q.cardById.get(review.cardId) as Raw),
    }));
  }

  /** Changes the rating of a logged review after a "How sure?" tap (or a corrected key: no confidence). */
  rerate(reviewId: number, recall: Recall, confidence: Confidence | null): void {
    this.q.rerate.run(RECALL_CODES[recall], confidence, reviewId);
  }

  /**
   * Takes a card's latest review back: the review is deleted and the card gets `before`, the memory it had;
   * a card no review is left on is deleted, as if never met.
   */
  undoReview(reviewId: number, cardId: number, before: Memory): void {
    this.transaction(() => {
      this.q.deleteReview.run(reviewId);
      if (this.q.deleteUnreviewedCard.run(cardId, cardId).changes === 1) return;
      this.q.restoreCard.run(...memoryArgs(before), cardId, cardId);
    });
  }

  /** The round of a person's latest private answer that updated a card. */
  lastPrivateRound(who: Person): number | null {
    return (this.q.lastPrivateRound.get(...mine(who)) as { id: number } | undefined)?.id ?? null;
  }

  /** Reviews of cards already in review since `since`, and how many of them were recalled. */
  retention(who: Person, since: Date): { reviews: number; passed: number } {
    return this.q.retention.get(...mine(who), since.toISOString()) as { reviews: number; passed: number };
  }

  /** A person's running session, if any. */
  session(who: Person): SessionRow | undefined {
    const raw = this.q.session.get(...mine(who)) as Raw | undefined;
    return raw ? toSession(raw) : undefined;
  }

  /** Starts (or restarts) a person's session. */
  startSession(who: Person, mode: SessionRow["mode"], services: readonly string[] | null, at: Date): void {
    this.q.startSession.run(...mine(who), mode, services ? JSON.stringify(services) : null, at.toISOString());
  }

  /** Remembers the round a session now waits on. */
  setSessionRound(who: Person, roundId: number): void {
    this.q.sessionRound.run(roundId, ...mine(who));
  }

  /** Counts an answer to the round a session waits on; a round the session no longer waits on is not counted. */
  countSessionAnswer(who: Person, roundId: number): void {
    this.q.sessionAnswered.run(...mine(who), roundId);
  }

  /** Remembers that the question of the round a session waits on was skipped. */
  skipInSession(who: Person, roundId: number, questionId: string): void {
    this.q.sessionSkipped.run(questionId, ...mine(who), roundId);
  }

  /** Ends a person's session. */
  endSession(who: Person): void {
    this.q.endSession.run(...mine(who));
  }

  /** Marks a person's card as introduced by practice as a new card at `at` (counted against the day's limit). */
  introduce(who: Person, item: ItemRef, at: Date): void {
    this.q.introduce.run(at.toISOString(), ...mine(who), item.kind, item.id);
  }

  /** How many new cards practice introduced to a person since `since`. */
  introducedSince(who: Person, since: Date): number {
    return (this.q.introducedSince.get(...mine(who), since.toISOString()) as { n: number }).n;
  }

  /** The keys ("kind:id") of every item a person has a card of. */
  itemKeys(who: Person): Set<string> {
    return new Set(this.q.itemKeys.all(...mine(who)) as string[]);
  }

  /** A person's practice settings (defaults when never set). */
  prefs(who: Person): PracticePrefs {
    const raw = this.q.prefs.get(...mine(who)) as { new_per_day: number; path: string | null } | undefined;
    return { newPerDay: raw?.new_per_day ?? DEFAULT_NEW_PER_DAY, path: raw?.path ?? null };
  }

  /** Sets how many new cards a day practice introduces to a person. */
  setNewPerDay(who: Person, n: number): void {
    this.q.putNewPerDay.run(...mine(who), n);
  }

  /** Sets the path practice follows for a person (null: the default learning order). */
  setPath(who: Person, path: string | null): void {
    this.q.putPath.run(...mine(who), path);
  }

  /** The channels that asked for the weekly digest, and since when. */
  digestChannels(): { channel: ChannelRef; since: Date }[] {
    const rows = this.q.digestChannels.all() as RawDigestChannel[];
    return rows.map(toDigestChannel);
  }

  /** Claims a channel's digest of one week; false when it was claimed already. */
  claimDigest(channel: ChannelRef, week: string, at: Date): boolean {
    return this.q.claimDigest.run(...inChannel(channel), week, at.toISOString()).changes === 1;
  }

  /** Gives a claimed digest back, so a failed post is tried again. */
  releaseDigest(channel: ChannelRef, week: string): void {
    this.q.releaseDigest.run(...inChannel(channel), week);
  }
}
