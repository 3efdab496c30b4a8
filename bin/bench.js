#!/usr/bin/env node
// Runs every benchmark under bench/ in turn (npm run bench). Benchmarks print figures; they never fail a build.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const only = process.argv[2];
const files = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".ts") && (!only || f.startsWith(only)))
  .sort();
for (const file of files) {
  console.log(`\n== bench/${file}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "bench", file)], {
    stdio: "inherit",
    cwd: root,
  });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
}
