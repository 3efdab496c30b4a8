import { appendFileSync } from "node:fs";

/** Figures one reliability test measured: inputs tried, kills survived, answers lost, ... */
export type Figures = Readonly<Record<string, number>>;

/**
 * Prints a test's figures as one line (`[figures] name: key=value ...`), and appends them as JSON to
 * SRM_FIGURES_FILE when set, so that the soak can add them up into the table RELIABILITY.md shows.
 */
export function report(name: string, figures: Figures): void {
  const line = Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  console.log(`[figures] ${name}: ${line}`);
  const file = process.env.SRM_FIGURES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ name, figures })}\n`);
}

/** A set of named counters, reported together. */
export class Tally {
  private readonly counts = new Map<string, number>();

  /** Adds `n` to a counter. */
  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  /** A counter's value (0 when never added to). */
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Every counter, for `report`. */
  figures(): Figures {
    return Object.fromEntries(this.counts);
  }
}
