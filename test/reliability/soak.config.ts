import { defineConfig } from "vitest/config";

/**
 * The soak: the reliability suite with many more inputs and kills (scripts/soak.mjs sets SRM_SOAK=1 and
 * the scale). Not part of `npm test`; it takes tens of minutes.
 */
export default defineConfig({
  test: {
    include: ["test/reliability/*.test.ts"],
    environment: "node",
    // One PostgreSQL server per run (test/support/postgres.ts): the multi-replica tests run on it too.
    globalSetup: ["test/support/postgres.ts"],
    pool: "forks",
    // The kill test starts the bot some thirty times; the fuzzers run ten times their quick counts.
    testTimeout: 60 * 60_000,
    hookTimeout: 120_000,
  },
});
