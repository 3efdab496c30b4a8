import { stableHash } from "../domain/hash.js";
import type { Difficulty, Question, QuestionType } from "../domain/question.js";

/** Which questions a channel or a person may be asked. */
export interface QuestionFilter {
  /** Only questions whose main cell is on one of these services (null: any). */
  readonly services: readonly string[] | null;
  readonly difficulty: Difficulty | null;
  readonly types: readonly QuestionType[];
}

/** What a channel or person has been asked: how often each question, and the most recent ones first. */
export interface AskHistory {
  readonly counts: ReadonlyMap<string, number>;
  readonly recent: readonly string[];
}

/** How many recent rounds a new question should not repeat the service or area of. */
const ROTATION_WINDOW = 3;

/** The scenario questions and the generated drills, and how the next one is chosen. */
export class QuestionBank {
  private readonly byId = new Map<string, Question>();

  constructor(
    readonly scenarios: readonly Question[],
    readonly drills: readonly Question[],
  ) {
    for (const q of [...scenarios, ...drills]) this.byId.set(q.id, q);
  }

  /** The question with this id, if the bank still has it. */
  get(id: string): Question | undefined {
    return this.byId.get(id);
  }

  /**
   * The next question: never one asked fewer times than another still eligible (so nothing repeats until
   * the pool is used up), then rotating away from the services and areas of the last rounds. `seed`
   * varies the choice between equals without randomness, so a run can be replayed.
   */
  next(
    pool: readonly Question[],
    filter: QuestionFilter,
    history: AskHistory,
    seed: string,
  ): Question | null {
    const eligible = pool.filter(
      (q) =>
        filter.types.includes(q.type) &&
        (filter.difficulty === null || q.difficulty === filter.difficulty) &&
        (filter.services === null || filter.services.includes(q.cells[0]?.service ?? "")),
    );
    if (eligible.length === 0) return null;
    const recent = history.recent.slice(0, ROTATION_WINDOW).flatMap((id) => {
      const q = this.byId.get(id);
      return q ? [q] : [];
    });
    const recentServices = new Set(recent.map((q) => q.cells[0]?.service));
    const recentAreas = new Set(recent.map((q) => q.cells[0]?.area));
    let best: Question | null = null;
    let bestKey: [number, number, number] = [Number.POSITIVE_INFINITY, 0, 0];
    for (const q of eligible) {
      const main = q.cells[0];
      const penalty = (recentServices.has(main?.service) ? 2 : 0) + (recentAreas.has(main?.area) ? 1 : 0);
      const key: [number, number, number] = [
        history.counts.get(q.id) ?? 0,
        penalty,
        stableHash(`${seed}:${q.id}`),
      ];
      if (
        key[0] < bestKey[0] ||
        (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))
      ) {
        best = q;
        bestKey = key;
      }
    }
    return best;
  }
}
