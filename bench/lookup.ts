// Lookups inside the engine: lookups per second and p50/p99 latency, over a mix of real phrasings.
import { loadConfig } from "../src/config.js";
import { loadMatrix } from "../src/knowledge/load-matrix.js";
import { OwnershipLookup } from "../src/knowledge/lookup.js";
import { header } from "./support/machine.js";

const QUERIES = [
  "ec2 os-patching",
  "who patches the rds engine",
  "EC2 guest OS patches",
  "s3 bucket policy",
  "sg ec2",
  "dynamdb encryption",
  "lambda runtime manual mode",
  "rds major version upgrade",
  "rds",
  "patching",
  "hypervisor",
  "ecs security groups",
  "quantum-ledger",
  "ec2 coffee brewing",
  "who is responsible for encryption in transit on api gateway",
];

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

const lookup = new OwnershipLookup(loadMatrix(loadConfig({}).contentDir));
for (let i = 0; i < 20_000; i++) lookup.lookup(QUERIES[i % QUERIES.length] as string);

const rounds = 100_000;
const samples = new Float64Array(rounds);
const started = process.hrtime.bigint();
for (let i = 0; i < rounds; i++) {
  const t0 = process.hrtime.bigint();
  lookup.lookup(QUERIES[i % QUERIES.length] as string);
  samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
samples.sort();
header(
  `Lookups inside the engine (matching only: a mix of ${QUERIES.length} phrasings, ${rounds.toLocaleString("en")} lookups)`,
);
console.log("  lookups/s  %s", Math.round(rounds / seconds).toLocaleString("en"));
console.log("  p50        %s µs", percentile(samples, 0.5).toFixed(1));
console.log("  p99        %s µs   (target < 50 µs)", percentile(samples, 0.99).toFixed(1));
const perQuery = QUERIES.map((q) => {
  const s = new Float64Array(2000);
  for (let i = 0; i < s.length; i++) {
    const t0 = process.hrtime.bigint();
    lookup.lookup(q);
    s[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  s.sort();
  return { query: q, p50: percentile(s, 0.5), p99: percentile(s, 0.99) };
});
perQuery.sort((a, b) => b.p99 - a.p99);
console.log("  slowest phrasings (p50 / p99 µs):");
for (const q of perQuery.slice(0, 5))
  console.log("    %s / %s  %s", q.p50.toFixed(1), q.p99.toFixed(1), q.query);
