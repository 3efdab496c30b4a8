import { defineConfig } from "vitest/config";

/**
 * Tests that fail today because of a bug found by the reliability suite, kept out of `npm test` until the
 * fix lands (see RELIABILITY.md, open findings). Run them with:
 *   npx vitest run --config test/reliability/pending/vitest.config.ts
 * Once one passes, move it into test/reliability/ as a *.test.ts.
 */
export default defineConfig({
  test: {
    include: ["test/reliability/pending/**/*.pending.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 90_000,
  },
});
