import {
  createEmptyCard,
  type FSRS,
  type Card as FsrsCard,
  type ReviewLog as FsrsLog,
  fsrs,
  type Grade,
  Rating,
  State,
} from "ts-fsrs";
import type { Memory, MemoryPhase, Recall, ReviewTrace } from "../domain/memory.js";

/** How the scheduler is tuned. */
export interface SchedulerOptions {
  /** The recall probability reviews are timed for (0.9: review when recall has fallen to 90%). */
  readonly retention?: number;
  /** The longest interval, in days. */
  readonly maximumIntervalDays?: number;
}

const GRADES: Readonly<Record<Recall, Grade>> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
};

const STATES: Readonly<Record<MemoryPhase, State>> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/** FSRS over our own memory types: the one place the ts-fsrs library is used. */
export class MemoryScheduler {
  private readonly f: FSRS;

  constructor(options: SchedulerOptions = {}) {
    this.f = fsrs({
      request_retention: options.retention ?? 0.9,
      // AWS changes its services: a year is the longest a cell should go unasked.
      maximum_interval: options.maximumIntervalDays ?? 365,
      // People answer in chat a few times a day at most: minute-long learning steps would make a card due
      // again before they are back. Whole days keep "due" meaningful; /srm review re-asks misses at once.
      enable_short_term: false,
      // The same answers give the same dates, so teammates comparing schedules (and tests) agree.
      enable_fuzz: false,
    });
  }

  /** The memory of an item never reviewed, due at once. */
  fresh(now: Date): Memory {
    return toMemory(createEmptyCard(now));
  }

  /** One review at `at`: the new memory and the log of the memory before it. */
  review(memory: Memory, at: Date, recall: Recall): { memory: Memory; trace: ReviewTrace } {
    const { card, log } = this.f.next(toCard(memory), at, GRADES[recall]);
    return { memory: toMemory(card), trace: toTrace(log, recall) };
  }

  /** The memory as it was before the review that `trace` logged (that review must be the latest). */
  undo(memory: Memory, trace: ReviewTrace): Memory {
    return toMemory(this.f.rollback(toCard(memory), toLog(trace)));
  }

  /** The probability of recalling the item at `now` (0 for an item never reviewed). */
  recall(memory: Memory, now: Date): number {
    return this.f.get_retrievability(toCard(memory), now, false);
  }

  /**
   * The same probability as `recall`, from only the three things it depends on, for summing over a whole
   * channel's cards: the library's own forgetting curve at the whole days since the last review, without
   * building and converting a full card each time.
   */
  recallAt(phase: MemoryPhase, stability: number, lastReview: Date | null, now: Date): number {
    if (phase === "new") return 0;
    // A reviewed card without its review date is malformed: let the library say so, as `recall` does.
    if (!lastReview) return this.f.get_retrievability(toCard({ ...BLANK, phase, stability }), now, false);
    const days = Math.max(Math.floor((now.getTime() - lastReview.getTime()) / 86_400_000), 0);
    return this.f.forgetting_curve(days, +stability.toFixed(8));
  }
}

/** The rest of a memory, for handing the library a card with only phase and stability known. */
const BLANK: Memory = {
  phase: "new",
  due: new Date(0),
  stability: 0,
  difficulty: 0,
  elapsedDays: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reps: 0,
  lapses: 0,
  lastReview: null,
};

function phaseOf(state: State): MemoryPhase {
  const phase = (Object.keys(STATES) as MemoryPhase[]).find((p) => STATES[p] === state);
  if (!phase) throw new Error(`the scheduler returned an unknown card state ${state}`);
  return phase;
}

function toMemory(card: FsrsCard): Memory {
  return {
    phase: phaseOf(card.state),
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.last_review ?? null,
  };
}

function toCard(m: Memory): FsrsCard {
  return {
    state: STATES[m.phase],
    due: m.due,
    stability: m.stability,
    difficulty: m.difficulty,
    elapsed_days: m.elapsedDays,
    scheduled_days: m.scheduledDays,
    learning_steps: m.learningSteps,
    reps: m.reps,
    lapses: m.lapses,
    ...(m.lastReview ? { last_review: m.lastReview } : {}),
  };
}

function toTrace(log: FsrsLog, recall: Recall): ReviewTrace {
  return {
    recall,
    phase: phaseOf(log.state),
    due: log.due,
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    reviewedAt: log.review,
  };
}

function toLog(t: ReviewTrace): FsrsLog {
  return {
    rating: GRADES[t.recall],
    state: STATES[t.phase],
    due: t.due,
    stability: t.stability,
    difficulty: t.difficulty,
    elapsed_days: t.elapsedDays,
    last_elapsed_days: t.lastElapsedDays,
    scheduled_days: t.scheduledDays,
    learning_steps: t.learningSteps,
    review: t.reviewedAt,
  };
}
