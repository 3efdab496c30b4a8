import type { ChannelRef } from "../../domain/channel.js";
import {
  type Confidence,
  type ItemRef,
  MEMORY_PHASES,
  type Memory,
  RECALL_CODES,
  type Recall,
  type ReviewTrace,
} from "../../domain/memory.js";
import {
  type CardRow,
  DEFAULT_NEW_PER_DAY,
  type Person,
  type PracticePrefs,
  type ReviewRow,
  type SessionRow,
} from "../../domain/practice.js";
import type { PracticeStore } from "../../ports/practice-store.js";
import { inChannel } from "../keys.js";
import {
  memoryArgs,
  type Raw,
  type RawDigestChannel,
  toCard,
  toDigestChannel,
  toReview,
  toSession,
} from "../practice-rows.js";
import type { PgDb } from "./db.js";

/** A card's columns, with the id of its latest review. */
const CARD =
  "c.id, c.user_id, c.item_kind, c.item_id, c.state, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days, " +
  "c.learning_steps, c.reps, c.lapses, c.last_review, c.last_rating, " +
  "(SELECT MAX(x.id) FROM practice_reviews x WHERE x.card_id = c.id) AS last_review_id";

/** A review's columns. */
const REVIEW =
  "r.id, r.card_id, r.round_id, r.source, r.rating, r.confidence, r.reviewed_at, r.state, r.due, r.stability, r.difficulty, " +
  "r.elapsed_days, r.last_elapsed_days, r.scheduled_days, r.learning_steps";

const MINE = "c.platform = $1 AND c.workspace = $2 AND c.user_id = $3";
const PERSON = "platform = $1 AND workspace = $2 AND user_id = $3";
const MEMORY_SET =
  "state = $1, due = $2, stability = $3, difficulty = $4, elapsed_days = $5, scheduled_days = $6, " +
  "learning_steps = $7, reps = $8, lapses = $9, last_review = $10";

const mine = (w: Person) => [w.platform, w.workspaceId, w.userId] as const;

/**
 * Memory cards, their review log, practice sessions and weekly digests in PostgreSQL. A week's digest is
 * claimed by the one INSERT that adds its row, so of several replicas only one posts it.
 */
export class PgPracticeStore implements PracticeStore {
  constructor(private readonly db: PgDb) {}

  /** A person's card of an item, if they have one. */
  async card(who: Person, item: ItemRef): Promise<CardRow | undefined> {
    const raw = await this.db.one<Raw>(
      `SELECT ${CARD} FROM practice_cards c WHERE ${MINE} AND c.item_kind = $4 AND c.item_id = $5`,
      [...mine(who), item.kind, item.id],
    );
    return raw ? toCard(raw) : undefined;
  }

  /** A person's card of an item, created with `fresh` when they have none. */
  async ensureCard(who: Person, item: ItemRef, fresh: Memory, now: Date): Promise<CardRow> {
    await this.db.run(
      "INSERT INTO practice_cards (platform, workspace, user_id, item_kind, item_id, state, due, stability, difficulty, " +
        "elapsed_days, scheduled_days, learning_steps, reps, lapses, last_review, created_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING",
      [...mine(who), item.kind, item.id, ...memoryArgs(fresh), now.toISOString()],
    );
    return (await this.card(who, item)) as CardRow;
  }

  /** Stores a card's new memory and the rating that led to it. */
  async saveCard(cardId: number, memory: Memory, recall: Recall): Promise<void> {
    await this.db.run(`UPDATE practice_cards SET ${MEMORY_SET}, last_rating = $11 WHERE id = $12`, [
      ...memoryArgs(memory),
      RECALL_CODES[recall],
      cardId,
    ]);
  }

  /** Every card of a person. */
  async cards(who: Person): Promise<CardRow[]> {
    const rows = await this.db.rows<Raw>(
      `SELECT ${CARD} FROM practice_cards c WHERE ${MINE} ORDER BY c.id`,
      mine(who),
    );
    return rows.map(toCard);
  }

  /** A person's cards due at `now`, longest due first. */
  async dueCards(who: Person, now: Date): Promise<CardRow[]> {
    const rows = await this.db.rows<Raw>(
      `SELECT ${CARD} FROM practice_cards c WHERE ${MINE} AND c.due <= $4 ORDER BY c.due, c.id`,
      [...mine(who), now.toISOString()],
    );
    return rows.map(toCard);
  }

  /** How many of a person's cards are due at `now`. */
  async dueCount(who: Person, now: Date): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM practice_cards c WHERE ${MINE} AND c.due <= $4`,
      [...mine(who), now.toISOString()],
    );
    return row?.n ?? 0;
  }

  /** When a person's next card falls due after `now`, if they have one. */
  async nextDue(who: Person, now: Date): Promise<Date | null> {
    const row = await this.db.one<{ due: string | null }>(
      `SELECT MIN(c.due) AS due FROM practice_cards c WHERE ${MINE} AND c.due > $4`,
      [...mine(who), now.toISOString()],
    );
    return row?.due ? new Date(row.due) : null;
  }

  /** Logs a review of a card given in a round; returns its id. */
  async addReview(
    cardId: number,
    roundId: number,
    source: ReviewRow["source"],
    t: ReviewTrace,
  ): Promise<number> {
    const row = await this.db.one<{ id: number }>(
      "INSERT INTO practice_reviews (card_id, round_id, source, rating, reviewed_at, state, due, stability, difficulty, " +
        "elapsed_days, last_elapsed_days, scheduled_days, learning_steps) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
      [
        ...[cardId, roundId, source, RECALL_CODES[t.recall], t.reviewedAt.toISOString()],
        ...[MEMORY_PHASES.indexOf(t.phase), t.due.toISOString(), t.stability, t.difficulty],
        ...[t.elapsedDays, t.lastElapsedDays, t.scheduledDays, t.learningSteps],
      ],
    );
    return Number(row?.id);
  }

  /** The latest review of a card. */
  async latestReview(cardId: number): Promise<ReviewRow | undefined> {
    const raw = await this.db.one<Raw>(
      `SELECT ${REVIEW} FROM practice_reviews r WHERE r.card_id = $1 ORDER BY r.id DESC LIMIT 1`,
      [cardId],
    );
    return raw ? toReview(raw) : undefined;
  }

  /** A person's reviews from one round, with their cards. */
  async roundReviews(who: Person, roundId: number): Promise<{ review: ReviewRow; card: CardRow }[]> {
    const reviews = (
      await this.db.rows<Raw>(
        `SELECT ${REVIEW} FROM practice_reviews r JOIN practice_cards c ON c.id = r.card_id WHERE ${MINE} AND r.round_id = $4 ORDER BY r.id`,
        [...mine(who), roundId],
      )
    ).map(toReview);
    if (reviews.length === 0) return [];
    const cards = (
      await this.db.rows<Raw>(`SELECT ${CARD} FROM practice_cards c WHERE c.id = ANY($1::bigint[])`, [
        reviews.map((r) => r.cardId),
      ])
    ).map(toCard);
    const byId = new Map(cards.map((c) => [c.id, c]));
    return reviews.map((review) => ({ review, card: byId.get(review.cardId) as CardRow }));
  }

  /** Changes the rating of a logged review after a "How sure?" tap (or a corrected key: no confidence). */
  async rerate(reviewId: number, recall: Recall, confidence: Confidence | null): Promise<void> {
    await this.db.run("UPDATE practice_reviews SET rating = $1, confidence = $2 WHERE id = $3", [
      RECALL_CODES[recall],
      confidence,
      reviewId,
    ]);
  }

  /**
   * Takes a card's latest review back: the review is deleted and the card gets `before`, the memory it had;
   * a card no review is left on is deleted, as if never met.
   */
  async undoReview(reviewId: number, cardId: number, before: Memory): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run("DELETE FROM practice_reviews WHERE id = $1", [reviewId]);
      const deleted = await this.db.run(
        "DELETE FROM practice_cards WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM practice_reviews WHERE card_id = $1)",
        [cardId],
      );
      if (deleted === 1) return;
      await this.db.run(
        `UPDATE practice_cards SET ${MEMORY_SET}, ` +
          "last_rating = (SELECT r.rating FROM practice_reviews r WHERE r.card_id = $11 ORDER BY r.id DESC LIMIT 1) WHERE id = $11",
        [...memoryArgs(before), cardId],
      );
    });
  }

  /** The round of a person's latest private answer that updated a card. */
  async lastPrivateRound(who: Person): Promise<number | null> {
    const row = await this.db.one<{ id: number }>(
      `SELECT r.round_id AS id FROM practice_reviews r JOIN practice_cards c ON c.id = r.card_id WHERE ${MINE} AND r.source = 'private' ORDER BY r.id DESC LIMIT 1`,
      mine(who),
    );
    return row ? Number(row.id) : null;
  }

  /** Reviews of cards already in review since `since`, and how many of them were recalled. */
  async retention(who: Person, since: Date): Promise<{ reviews: number; passed: number }> {
    const row = await this.db.one<{ reviews: number; passed: number }>(
      "SELECT COUNT(*) AS reviews, COUNT(*) FILTER (WHERE r.rating > 1) AS passed FROM practice_reviews r " +
        `JOIN practice_cards c ON c.id = r.card_id WHERE ${MINE} AND r.state = 2 AND r.reviewed_at >= $4`,
      [...mine(who), since.toISOString()],
    );
    return { reviews: row?.reviews ?? 0, passed: row?.passed ?? 0 };
  }

  /** A person's running session, if any. */
  async session(who: Person): Promise<SessionRow | undefined> {
    const raw = await this.db.one<Raw>(
      `SELECT mode, services, started_at, since_review, round_id, answered, skipped FROM practice_sessions WHERE ${PERSON}`,
      mine(who),
    );
    return raw ? toSession(raw) : undefined;
  }

  /** Starts (or restarts) a person's session. */
  async startSession(
    who: Person,
    mode: SessionRow["mode"],
    services: readonly string[] | null,
    at: Date,
  ): Promise<void> {
    await this.db.run(
      "INSERT INTO practice_sessions (platform, workspace, user_id, mode, services, started_at, since_review, round_id) " +
        "VALUES ($1, $2, $3, $4, $5, $6, (SELECT COALESCE(MAX(id), 0) FROM practice_reviews), NULL) " +
        "ON CONFLICT (platform, workspace, user_id) DO UPDATE SET mode = excluded.mode, services = excluded.services, " +
        "started_at = excluded.started_at, since_review = excluded.since_review, round_id = NULL, answered = 0, skipped = '[]'",
      [...mine(who), mode, services ? JSON.stringify(services) : null, at.toISOString()],
    );
  }

  /** Remembers the round a session now waits on. */
  async setSessionRound(who: Person, roundId: number): Promise<void> {
    await this.db.run(`UPDATE practice_sessions SET round_id = $4 WHERE ${PERSON}`, [...mine(who), roundId]);
  }

  /** Counts an answer to the round a session waits on; a round the session no longer waits on is not counted. */
  async countSessionAnswer(who: Person, roundId: number): Promise<void> {
    await this.db.run(
      `UPDATE practice_sessions SET answered = answered + 1 WHERE ${PERSON} AND round_id = $4`,
      [...mine(who), roundId],
    );
  }

  /** Remembers that the question of the round a session waits on was skipped. */
  async skipInSession(who: Person, roundId: number, questionId: string): Promise<void> {
    await this.db.run(
      "UPDATE practice_sessions SET skipped = (skipped::jsonb || jsonb_build_array($5::text))::text " +
        `WHERE ${PERSON} AND round_id = $4`,
      [...mine(who), roundId, questionId],
    );
  }

  /** Ends a person's session. */
  async endSession(who: Person): Promise<void> {
    await this.db.run(`DELETE FROM practice_sessions WHERE ${PERSON}`, mine(who));
  }

  /** Marks a person's card as introduced by practice as a new card at `at` (counted against the day's limit). */
  async introduce(who: Person, item: ItemRef, at: Date): Promise<void> {
    await this.db.run(
      `UPDATE practice_cards SET introduced_at = $6 WHERE ${PERSON} AND item_kind = $4 AND item_id = $5 AND introduced_at IS NULL`,
      [...mine(who), item.kind, item.id, at.toISOString()],
    );
  }

  /** How many new cards practice introduced to a person since `since`. */
  async introducedSince(who: Person, since: Date): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM practice_cards c WHERE ${MINE} AND c.introduced_at >= $4`,
      [...mine(who), since.toISOString()],
    );
    return row?.n ?? 0;
  }

  /** The keys ("kind:id") of every item a person has a card of. */
  async itemKeys(who: Person): Promise<Set<string>> {
    const rows = await this.db.rows<{ k: string }>(
      `SELECT c.item_kind || ':' || c.item_id AS k FROM practice_cards c WHERE ${MINE}`,
      mine(who),
    );
    return new Set(rows.map((r) => r.k));
  }

  /** A person's practice settings (defaults when never set). */
  async prefs(who: Person): Promise<PracticePrefs> {
    const raw = await this.db.one<{ new_per_day: number; path: string | null }>(
      `SELECT new_per_day, path FROM practice_prefs WHERE ${PERSON}`,
      mine(who),
    );
    return { newPerDay: raw?.new_per_day ?? DEFAULT_NEW_PER_DAY, path: raw?.path ?? null };
  }

  /** Sets how many new cards a day practice introduces to a person. */
  async setNewPerDay(who: Person, n: number): Promise<void> {
    await this.db.run(
      "INSERT INTO practice_prefs (platform, workspace, user_id, new_per_day) VALUES ($1, $2, $3, $4) " +
        "ON CONFLICT (platform, workspace, user_id) DO UPDATE SET new_per_day = excluded.new_per_day",
      [...mine(who), n],
    );
  }

  /** Sets the path practice follows for a person (null: the default learning order). */
  async setPath(who: Person, path: string | null): Promise<void> {
    await this.db.run(
      "INSERT INTO practice_prefs (platform, workspace, user_id, path) VALUES ($1, $2, $3, $4) " +
        "ON CONFLICT (platform, workspace, user_id) DO UPDATE SET path = excluded.path",
      [...mine(who), path],
    );
  }

  /** The channels that asked for the weekly digest, and since when. */
  async digestChannels(): Promise<{ channel: ChannelRef; since: Date }[]> {
    const rows = await this.db.rows<RawDigestChannel>(
      "SELECT platform, workspace, channel, digest_since AS since FROM channel_settings WHERE weekly_digest = 1 " +
        'ORDER BY platform COLLATE "C", workspace COLLATE "C", channel COLLATE "C"',
    );
    return rows.map(toDigestChannel);
  }

  /** Claims a channel's digest of one week; false when it was claimed already. */
  async claimDigest(channel: ChannelRef, week: string, at: Date): Promise<boolean> {
    // One statement decides: of replicas claiming the same week at once, exactly one adds the row.
    const added = await this.db.run(
      "INSERT INTO practice_digests (platform, workspace, channel, week, sent_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
      [...inChannel(channel), week, at.toISOString()],
    );
    return added === 1;
  }

  /** Gives a claimed digest back, so a failed post is tried again. */
  async releaseDigest(channel: ChannelRef, week: string): Promise<void> {
    await this.db.run(
      "DELETE FROM practice_digests WHERE platform = $1 AND workspace = $2 AND channel = $3 AND week = $4",
      [...inChannel(channel), week],
    );
  }
}
