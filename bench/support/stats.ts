// Small statistics for benchmarks: percentiles of samples and medians of repeated measurements.

/** The value at fraction `p` (0..1) of an ascending list; NaN for an empty one. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

/** The samples in ascending order, as a new array. */
export function ascending(samples: Iterable<number>): number[] {
  return [...samples].sort((a, b) => a - b);
}

/** The median of repeated measurements: the figure least moved by one busy moment of the machine. */
export function median(values: Iterable<number>): number {
  return percentile(ascending(values), 0.5);
}

/**
 * How a cost grows between two sizes, as the exponent k of cost ∝ size^k: about 0 when flat, about
 * 0.1 when logarithmic over a tenfold step, about 1 when linear.
 */
export function growthExponent(small: { size: number; cost: number }, large: { size: number; cost: number }) {
  return Math.log(large.cost / small.cost) / Math.log(large.size / small.size);
}

/** A number with thousands separators. */
export function count(n: number): string {
  return Math.round(n).toLocaleString("en");
}

/** A byte count in MiB, one decimal. */
export function mib(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

/** The bot's memory after a burst, as the process sees it (not forced through a collection). */
export function memoryLine(m: NodeJS.MemoryUsage): string {
  return `  bot memory after the burst: resident ${mib(m.rss)} MiB, heap used ${mib(m.heapUsed)} MiB of ${mib(m.heapTotal)} MiB`;
}
