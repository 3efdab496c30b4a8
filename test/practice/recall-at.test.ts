import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MEMORY_PHASES, type Memory } from "../../src/domain/memory.js";
import { MemoryScheduler } from "../../src/practice/scheduler.js";

const scheduler = new MemoryScheduler();
const DAY = 86_400_000;
const NOW = new Date("2026-03-04T12:00:00.000Z");

const memory = fc.record({
  phase: fc.constantFrom(...MEMORY_PHASES),
  stability: fc.double({ min: 0.01, max: 400, noNaN: true }),
  // Whole days, fractions of a day, the review just now and one in the future (a clock that moved back).
  lastReviewAgoMs: fc.oneof(
    fc.integer({ min: 0, max: 400 }).map((d) => d * DAY),
    fc.integer({ min: -DAY, max: 400 * DAY }),
  ),
});

function full(m: { phase: Memory["phase"]; stability: number; lastReviewAgoMs: number }): Memory {
  const lastReview = new Date(NOW.getTime() - m.lastReviewAgoMs);
  return {
    phase: m.phase,
    due: new Date(lastReview.getTime() + 7 * DAY),
    stability: m.stability,
    difficulty: 5,
    elapsedDays: 3,
    scheduledDays: 7,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    lastReview,
  };
}

describe("recall from only what it depends on", () => {
  it("is exactly the recall of the whole card, for every phase, stability and review date", () => {
    fc.assert(
      fc.property(memory, (m) => {
        const card = full(m);
        expect(scheduler.recallAt(card.phase, card.stability, card.lastReview, NOW)).toBe(
          scheduler.recall(card, NOW),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it("a reviewed card without its review date is refused as the whole card is", () => {
    const card = { ...full({ phase: "review", stability: 3, lastReviewAgoMs: DAY }), lastReview: null };
    expect(() => scheduler.recall(card, NOW)).toThrow();
    expect(() => scheduler.recallAt("review", 3, null, NOW)).toThrow();
  });
});
