import {
  type Confidence,
  type ItemRef,
  MEMORY_PHASES,
  type Memory,
  phaseFromCode,
  recallFromCode,
} from "../../domain/memory.js";
import type { CardRow, ReviewRow } from "../../domain/practice.js";

/** A practice row as PostgreSQL returns it (int8 and numeric already parsed to numbers by the pool). */
export type Raw = Record<string, string | number | null>;

/** A card's columns, with the id of its latest review. */
export const CARD =
  "c.id, c.user_id, c.item_kind, c.item_id, c.state, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days, " +
  "c.learning_steps, c.reps, c.lapses, c.last_review, c.last_rating, " +
  "(SELECT MAX(x.id) FROM practice_reviews x WHERE x.card_id = c.id) AS last_review_id";

/** A review's columns. */
export const REVIEW =
  "r.id, r.card_id, r.round_id, r.source, r.rating, r.confidence, r.reviewed_at, r.state, r.due, r.stability, r.difficulty, " +
  "r.elapsed_days, r.last_elapsed_days, r.scheduled_days, r.learning_steps";

/** A memory as the values of the card columns state … last_review, in that order. */
export function memoryArgs(m: Memory): (string | number | null)[] {
  return [
    ...[MEMORY_PHASES.indexOf(m.phase), m.due.toISOString(), m.stability, m.difficulty],
    ...[
      m.elapsedDays,
      m.scheduledDays,
      m.learningSteps,
      m.reps,
      m.lapses,
      m.lastReview?.toISOString() ?? null,
    ],
  ];
}

/** The columns a card and a review log share: the memory state. */
function stateOf(r: Raw) {
  return {
    phase: phaseFromCode(Number(r.state)),
    due: new Date(String(r.due)),
    stability: Number(r.stability),
    difficulty: Number(r.difficulty),
    elapsedDays: Number(r.elapsed_days),
    scheduledDays: Number(r.scheduled_days),
    learningSteps: Number(r.learning_steps),
  };
}

/** A card row as the domain's card. */
export function toCard(r: Raw): CardRow {
  return {
    id: Number(r.id),
    userId: String(r.user_id),
    item: { kind: r.item_kind as ItemRef["kind"], id: String(r.item_id) },
    memory: {
      ...stateOf(r),
      reps: Number(r.reps),
      lapses: Number(r.lapses),
      lastReview: r.last_review === null ? null : new Date(String(r.last_review)),
    },
    lastRecall: r.last_rating === null ? null : recallFromCode(Number(r.last_rating)),
    lastReviewId: r.last_review_id === null ? null : Number(r.last_review_id),
  };
}

/** A review row as the domain's review. */
export function toReview(r: Raw): ReviewRow {
  return {
    id: Number(r.id),
    cardId: Number(r.card_id),
    roundId: Number(r.round_id),
    source: r.source as ReviewRow["source"],
    confidence: r.confidence as Confidence | null,
    trace: {
      ...stateOf(r),
      recall: recallFromCode(Number(r.rating)),
      lastElapsedDays: Number(r.last_elapsed_days),
      reviewedAt: new Date(String(r.reviewed_at)),
    },
  };
}
