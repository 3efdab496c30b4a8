import type { Announcer, ChannelRef, Logger } from "./ports.js";

/** Label values of one series. */
export type Labels = Readonly<Record<string, string>>;

/** Counts and timings the engine and front ends report, rendered in the Prometheus text format. */
export interface Metrics {
  /** Adds `by` (default 1) to a counter. */
  increment(name: string, labels?: Labels, by?: number): void;
  /** Records a duration in seconds in a histogram. */
  observe(name: string, seconds: number, labels?: Labels): void;
}

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const HELP: Record<string, string> = {
  srm_commands_total: "Commands handled, by command.",
  srm_lookups_total: "Ownership lookups, by result status.",
  srm_answers_total: "Answers, by outcome (locked, refused).",
  srm_rounds_total: "Rounds, by event (opened, revealed, voided).",
  srm_errors_total: "Unexpected errors caught at a boundary, by where.",
  srm_platform_call_seconds: "Time of calls to a chat platform, by platform and method.",
};

/** Series that exist from start at zero, so that a rate or an alert has something to read before the first event. */
const AT_ZERO: readonly (readonly [string, Labels])[] = [
  ["srm_commands_total", { command: "button" }],
  ["srm_lookups_total", { status: "answer" }],
  ["srm_answers_total", { outcome: "locked" }],
  ["srm_rounds_total", { event: "opened", kind: "channel" }],
  ["srm_rounds_total", { event: "revealed", kind: "channel" }],
  ["srm_errors_total", { where: "engine" }],
  ["srm_errors_total", { where: "process" }],
];

function escapeLabel(value: string): string {
  // Most values need no escape; testing first spares three replacements on every count.
  if (!/[\\"\n]/.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function key(labels: Labels): string {
  const names = Object.keys(labels);
  // One label is the common case (every command counts one): no sorting, no joining.
  if (names.length === 1) {
    const name = names[0] as string;
    return `${name}="${escapeLabel(String(labels[name]))}"`;
  }
  return names
    .sort()
    .map((k) => `${k}="${escapeLabel(String(labels[k]))}"`)
    .join(",");
}

/** An in-process metrics registry. */
export class MetricsRegistry implements Metrics {
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly histograms = new Map<
    string,
    Map<string, { buckets: number[]; sum: number; count: number }>
  >();

  constructor() {
    for (const [name, labels] of AT_ZERO) this.increment(name, labels, 0);
  }

  increment(name: string, labels: Labels = {}, by = 1): void {
    const series = this.counters.get(name) ?? new Map<string, number>();
    const k = key(labels);
    series.set(k, (series.get(k) ?? 0) + by);
    this.counters.set(name, series);
  }

  observe(name: string, seconds: number, labels: Labels = {}): void {
    const series = this.histograms.get(name) ?? new Map();
    const k = key(labels);
    const h = series.get(k) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.buckets[i] = (h.buckets[i] ?? 0) + 1;
    });
    h.sum += seconds;
    h.count += 1;
    series.set(k, h);
    this.histograms.set(name, series);
  }

  /** The current value of a counter series (for tests and health). */
  value(name: string, labels: Labels = {}): number {
    return this.counters.get(name)?.get(key(labels)) ?? 0;
  }

  /** Every series in the Prometheus text exposition format. */
  render(): string {
    const lines: string[] = [];
    for (const [name, series] of this.counters) {
      lines.push(`# HELP ${name} ${HELP[name] ?? name}`, `# TYPE ${name} counter`);
      for (const [k, v] of series) lines.push(`${name}${k ? `{${k}}` : ""} ${v}`);
    }
    for (const [name, series] of this.histograms) {
      lines.push(`# HELP ${name} ${HELP[name] ?? name}`, `# TYPE ${name} histogram`);
      for (const [k, h] of series) {
        const prefix = k ? `${k},` : "";
        BUCKETS.forEach((b, i) => {
          lines.push(`${name}_bucket{${prefix}le="${b}"} ${h.buckets[i]}`);
        });
        lines.push(`${name}_bucket{${prefix}le="+Inf"} ${h.count}`);
        lines.push(
          `${name}_sum${k ? `{${k}}` : ""} ${h.sum}`,
          `${name}_count${k ? `{${k}}` : ""} ${h.count}`,
        );
      }
    }
    return `${lines.join("\n")}\n`;
  }
}

/** An announcer that times every platform call. */
export function meteredAnnouncer(inner: Announcer, metrics: Metrics): Announcer {
  const timed = async <T>(channel: ChannelRef, method: string, call: () => Promise<T>): Promise<T> => {
    const start = process.hrtime.bigint();
    try {
      return await call();
    } finally {
      metrics.observe("srm_platform_call_seconds", Number(process.hrtime.bigint() - start) / 1e9, {
        platform: channel.platform,
        method,
      });
    }
  };
  return {
    post: (channel, card, token) => timed(channel, "post", () => inner.post(channel, card, token)),
    update: (channel, ref, card) => timed(channel, "update", () => inner.update(channel, ref, card)),
    find: (channel, token) =>
      timed(channel, "find", async () => (inner.find ? inner.find(channel, token) : null)),
    serves: (channel) => inner.serves?.(channel) ?? true,
  };
}

/** A logger that also counts every error it is given. */
export function meteredLogger(inner: Logger, metrics: Metrics): Logger {
  return {
    info: (m, f) => inner.info(m, f),
    debug: (m, f) => inner.debug?.(m, f),
    warn: (m, f) => inner.warn(m, f),
    error: (m, f) => {
      metrics.increment("srm_errors_total", { where: String(f?.where ?? "engine") });
      inner.error(m, f);
    },
  };
}
