import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // One PostgreSQL server per run, from the machine's own binaries (test/support/postgres.ts).
    globalSetup: ["test/support/postgres.ts"],
    pool: "forks",
    testTimeout: 20_000,
    // Set-up hooks that start a real `srm start` child wait on it like a test does (a loaded CI machine).
    hookTimeout: 60_000,
  },
});
