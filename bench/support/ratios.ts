// srm-bot beside the bare library: the ratios the platform benchmarks report, from rounds of short legs.
import { ascending, count, median, percentile } from "./stats.js";

/** The bots measured side by side: srm-bot, the bare library acknowledging, the bare library answering. */
export const WHO = ["srm", "bare", "answer"] as const;
/** One of the bots measured side by side. */
export type Who = (typeof WHO)[number];

/** How long the legs last and how many rounds of them are run. */
const WARM_MS = 1_500;
const LEG_MS = 1_000;
export const ROUNDS = 10;
export const LEG_SECONDS = LEG_MS / 1000;

/** One bot's share of one round: its rate, its CPU time per request, and each request's latency (ms). */
export interface Leg {
  readonly perSecond: number;
  readonly cpuPerLookup: number;
  readonly samples: number[];
}

/** The legs of one round: srm-bot, the bare library acknowledging, the bare library sending the answer. */
export type Round = Readonly<Record<"srm" | "bare" | "answer", Leg>>;

const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)} to ${Math.max(...xs).toFixed(2)}`;

/**
 * Prints srm-bot's lookups per CPU second and per second as ratios to each bare bot: medians of the rounds'
 * ratios, each round's legs run back to back, so that a busy moment of the machine weighs on all alike.
 */
export function ratios(rounds: readonly Round[], bareName: string, answerName: string): void {
  const capacity = (k: "bare" | "answer") => rounds.map((r) => r[k].cpuPerLookup / r.srm.cpuPerLookup);
  const rate = (k: "bare" | "answer") => rounds.map((r) => r.srm.perSecond / r[k].perSecond);
  for (const [k, name] of [
    ["bare", bareName],
    ["answer", answerName],
  ] as const) {
    console.log(`  srm-bot as a share of ${name}:`);
    console.log(
      `    lookups per CPU second  ${median(capacity(k)).toFixed(2)}   (rounds ${spread(capacity(k))})${k === "bare" ? "   target >= 0.9" : ""}`,
    );
    console.log(`    lookups per second      ${median(rate(k)).toFixed(2)}   (rounds ${spread(rate(k))})`);
  }
}

/** A bot whose CPU time can be read before and after a leg. */
interface Measured {
  cpu(): Promise<number>;
}

/** What driving a bot for a while returned: each request's latency (ms) and how long it took. */
export interface Drive {
  readonly samples: number[];
  readonly ms: number;
}

/**
 * Drives each bot for a warm-up leg, then ROUNDS rounds of one leg per bot, each round starting with a
 * different bot, so that a drift in the machine's load falls on all alike.
 */
export async function rotatingRounds(
  bots: Readonly<Record<Who, Measured>>,
  drive: (who: Who, ms: number) => Promise<Drive>,
): Promise<Round[]> {
  const leg = async (who: Who, ms: number): Promise<Leg> => {
    const before = await bots[who].cpu();
    const run = await drive(who, ms);
    const cpu = (await bots[who].cpu()) - before;
    return {
      perSecond: run.samples.length / (run.ms / 1000),
      cpuPerLookup: cpu / run.samples.length,
      ...run,
    };
  };
  for (const who of WHO) await leg(who, WARM_MS);
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const round = {} as Record<Who, Leg>;
    for (let k = 0; k < WHO.length; k++) {
      const who = WHO[(r + k) % WHO.length] as Who;
      round[who] = await leg(who, LEG_MS);
    }
    rounds.push(round);
  }
  return rounds;
}

/** Prints each bot's lookups per second, latencies and CPU per lookup, then the ratios. */
export function reportLookups(
  rounds: readonly Round[],
  title: string,
  names: Readonly<Record<Who, string>>,
  ratioNames: { readonly bare: string; readonly answer: string },
): void {
  console.log(`\n${title}, ${ROUNDS} rotating rounds of ${LEG_SECONDS} s legs (medians)`);
  console.log("                                     lookups/s   p50 ms   p99 ms   bot CPU µs/lookup");
  for (const who of WHO) {
    const legs = rounds.map((r) => r[who]);
    const all = ascending(legs.flatMap((l) => l.samples));
    console.log(
      `  ${names[who].padEnd(34)} ${count(median(legs.map((l) => l.perSecond))).padStart(9)} ${percentile(all, 0.5).toFixed(2).padStart(8)} ${percentile(all, 0.99).toFixed(2).padStart(8)} ${count(median(legs.map((l) => l.cpuPerLookup))).padStart(12)}`,
    );
  }
  ratios(rounds, ratioNames.bare, ratioNames.answer);
}
