#!/usr/bin/env node
// The reliability soak (npm run soak): the suite under test/reliability with ten times the fuzz inputs and
// at least 20 kill -9s of `srm start` (on SQLite, and on PostgreSQL among three replicas), on a fresh random
// seed unless SRM_SEED is given. Prints the seed (to replay a failure) and the figures every test reported,
// added up. Exits non-zero if anything failed.
//   --seed <n>              a fixed seed (CI's `npm run test:slow` uses one, so a red build replays as is)
//   --scaled-only           only the tests the soak scales up (those importing support/scale.js); the rest
//                           run exactly as in `npm test`, which CI has just run
//   SRM_SEED=<n>            replay a soak
//   SRM_SOAK_FACTOR=<n>     fuzz inputs per quick-suite input (default 10)
//   SRM_SOAK_KILLS=<n>      kill -9s of the bot (default 25, five per 500-person round)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const seedArg = process.argv.indexOf("--seed");
const seed =
  (seedArg > 0 ? process.argv[seedArg + 1] : undefined) ??
  process.env.SRM_SEED ??
  String(Math.floor(Math.random() * 2 ** 31));
if (!/^\d+$/.test(seed)) {
  console.error(`soak: --seed takes a whole number (got "${seed}")`);
  process.exit(2);
}
const reliability = join(root, "test", "reliability");
const only = process.argv.includes("--scaled-only")
  ? readdirSync(reliability)
      .filter((f) => f.endsWith(".test.ts"))
      .filter((f) => readFileSync(join(reliability, f), "utf8").includes("support/scale.js"))
      .map((f) => `test/reliability/${f}`)
  : [];
const work = mkdtempSync(join(tmpdir(), "srm-soak-"));
const figuresFile = join(work, "figures.jsonl");
console.log(`soak: seed ${seed} (replay with: npm run soak -- --seed ${seed})`);

const started = Date.now();
const run = spawnSync(
  process.execPath,
  [
    join(root, "node_modules", "vitest", "vitest.mjs"),
    "run",
    "--config",
    "test/reliability/soak.config.ts",
    ...only,
  ],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      SRM_SOAK: "1",
      SRM_SEED: seed,
      SRM_SOAK_FACTOR: process.env.SRM_SOAK_FACTOR ?? "10",
      SRM_SOAK_KILLS: process.env.SRM_SOAK_KILLS ?? "25",
      SRM_FIGURES_FILE: figuresFile,
    },
  },
);

let lines = [];
try {
  lines = readFileSync(figuresFile, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
} catch {
  console.error("soak: no figures were reported");
}
const totals = new Map();
for (const { name, figures } of lines) {
  const sums = totals.get(name) ?? {};
  for (const [k, v] of Object.entries(figures)) sums[k] = (sums[k] ?? 0) + v;
  totals.set(name, sums);
}
console.log(`\nsoak figures (seed ${seed}, ${Math.round((Date.now() - started) / 60_000)} min):`);
for (const [name, sums] of totals) {
  console.log(`  ${name}`);
  for (const [k, v] of Object.entries(sums)) console.log(`    ${k}: ${v}`);
}
rmSync(work, { recursive: true, force: true });
process.exitCode = run.status ?? 1;
