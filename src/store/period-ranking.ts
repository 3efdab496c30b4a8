import type { ScoreRow } from "../domain/score.js";

/** One change of one person's points in a period: `before` is null for a new row, `after` for a deleted one. */
export interface PointsChange {
  readonly before: number | null;
  readonly after: number | null;
}

/**
 * A period's points in memory, for ranks and head counts in O(log n): how many people hold each number of
 * points, and the distinct numbers most first with how many people have more. Changes are applied in
 * O(distinct numbers of points), which is far fewer than people.
 */
export class PeriodRanking {
  /** Distinct numbers of points, most first. */
  private points: number[] = [];
  /** For each of `points`, how many people have more. */
  private above: number[] = [];
  /** How many people have points in the period. */
  people = 0;
  /** Top rows by accuracy read from the same state, by "minAnswers:limit"; emptied by any change. */
  byAccuracy = new Map<string, readonly ScoreRow[]>();

  private constructor(private readonly counts: Map<number, number>) {
    this.index();
  }

  /** A ranking from each number of points and how many people hold it. */
  static of(pointCounts: Iterable<readonly [number, number]>): PeriodRanking {
    return new PeriodRanking(new Map(pointCounts));
  }

  /** Applies changes made since the ranking was read. */
  apply(changes: readonly PointsChange[]): void {
    if (changes.length === 0) return;
    for (const { before, after } of changes) {
      if (before !== null) {
        const left = (this.counts.get(before) ?? 0) - 1;
        if (left > 0) this.counts.set(before, left);
        else this.counts.delete(before);
      }
      if (after !== null) this.counts.set(after, (this.counts.get(after) ?? 0) + 1);
    }
    this.byAccuracy = new Map();
    this.index();
  }

  /** One more than the number of people with more than `points` (ties share a rank). */
  rankOf(points: number): number {
    // The first distinct number of points not above `points`; everyone before it has more.
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.points[mid] as number) > points) lo = mid + 1;
      else hi = mid;
    }
    return (lo < this.points.length ? (this.above[lo] as number) : this.people) + 1;
  }

  private index(): void {
    this.points = [...this.counts.keys()].sort((a, b) => b - a);
    this.above = [];
    let people = 0;
    for (const p of this.points) {
      this.above.push(people);
      people += this.counts.get(p) as number;
    }
    this.people = people;
  }
}
