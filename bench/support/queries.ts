import { ascending, percentile } from "./stats.js";

/** The leaderboard, stats and daily-pick queries the growth benchmarks time, on either engine. */
export const QUERIES = [
  "leaderboard (this week)",
  "leaderboard all",
  "leaderboard accuracy",
  "stats (own)",
  "leaderboard after a score changed",
  "daily pick: rotation",
  "daily pick: team memory",
  "weekly digest: team forgetting",
] as const;
export type Query = (typeof QUERIES)[number];

/** Each query runs this many times, or for this long if it is slow, after a few warm-up calls. */
const CALLS = 2_000;
const BUDGET_MS = 2_500;

/** One query's timing, in ms. */
export interface Measured {
  readonly p50: number;
  readonly p99: number;
  readonly calls: number;
}

/** p50 and p99 of `run`, in ms, over CALLS calls or BUDGET_MS, whichever ends first (at least 5 calls). */
export async function measure(run: (i: number) => unknown): Promise<Measured> {
  for (let i = 0; i < 5; i++) await run(i);
  const t: number[] = [];
  const started = performance.now();
  for (let i = 0; i < CALLS && (i < 5 || performance.now() - started < BUDGET_MS); i++) {
    const t0 = performance.now();
    await run(i);
    t.push(performance.now() - t0);
  }
  const sorted = ascending(t);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), calls: t.length };
}
