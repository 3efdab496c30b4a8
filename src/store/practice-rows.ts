import type { ChannelRef, Platform } from "../domain/channel.js";
import {
  type Confidence,
  type ItemRef,
  MEMORY_PHASES,
  type Memory,
  phaseFromCode,
  recallFromCode,
} from "../domain/memory.js";
import type { CardRow, ReviewRow, SessionRow } from "../domain/practice.js";

/** A practice row as either engine returns it (PostgreSQL's pool parses int8 and numeric to numbers, as SQLite gives them). */
export type Raw = Record<string, string | number | null>;

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

/** A session row as the domain's session. */
export function toSession(raw: Raw): SessionRow {
  return {
    mode: raw.mode as SessionRow["mode"],
    services: raw.services === null ? null : (JSON.parse(String(raw.services)) as string[]),
    startedAt: new Date(String(raw.started_at)),
    sinceReview: Number(raw.since_review),
    roundId: raw.round_id === null ? null : Number(raw.round_id),
    answered: Number(raw.answered),
    skipped: JSON.parse(String(raw.skipped)) as string[],
  };
}

/** A channel that asked for the weekly digest, as both engines return it. */
export interface RawDigestChannel {
  platform: Platform;
  workspace: string;
  channel: string;
  since: string | null;
}

/** A digest channel's row as the channel and the date it asked from (the epoch when it never said). */
export function toDigestChannel(r: RawDigestChannel): { channel: ChannelRef; since: Date } {
  return {
    channel: { platform: r.platform, workspaceId: r.workspace, channelId: r.channel },
    since: new Date(r.since ?? 0),
  };
}
