import { describe, expect, it } from "vitest";
import { report } from "./support/figures.js";
import { killDuringRounds } from "./support/kill-rounds.js";
import { SEED, SOAK } from "./support/scale.js";

/** The soak kills at least 20 times (SRM_SOAK_KILLS, default 25, five to a round); the quick suite three. */
const KILLS_PER_ROUND = SOAK ? 5 : 3;
const ROUNDS = SOAK ? Math.ceil(Number(process.env.SRM_SOAK_KILLS ?? 25) / KILLS_PER_ROUND) : 1;

describe("kill -9 of srm start during a 500-person round, then a restart", () => {
  it(
    "no answer a person was told was recorded is lost, and no round is posted or revealed twice",
    async () => {
      const f = await killDuringRounds({
        rounds: ROUNDS,
        people: 500,
        killsPerRound: KILLS_PER_ROUND,
        seed: SEED,
      });
      report("kill -9 and restart (srm start, Slack HTTP mode, SQLite file)", { ...f });
      expect(f.kills).toBe(ROUNDS * KILLS_PER_ROUND);
      expect(f.told).toBe(ROUNDS * 500);
      expect(f.lost).toBe(0);
      expect(f.postedTwice).toBe(0);
      expect(f.scoreDifferences).toBe(0);
      expect(f.unrevealed).toBe(0);
      // The same reveal may be written to the same message again after a kill mid-announcement; never more.
      expect(f.revealUpdates).toBeGreaterThanOrEqual(ROUNDS);
      expect(f.revealUpdates).toBeLessThanOrEqual(ROUNDS + f.killsDuringReveal);
    },
    (SOAK ? 40 : 1) * 120_000,
  );
});
