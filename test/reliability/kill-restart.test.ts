import { describe, expect, it } from "vitest";
import { engines, enginesPostgresSlow } from "./support/bot-database.js";
import { killTheDailyClaimant } from "./support/daily-takeover.js";
import { report } from "./support/figures.js";
import { killDuringRounds } from "./support/kill-rounds.js";
import { SEED, SOAK } from "./support/scale.js";

/** The soak kills at least 20 times (SRM_SOAK_KILLS, default 25, five to a round); the quick suite three. */
const KILLS_PER_ROUND = SOAK ? 5 : 3;
const ROUNDS = SOAK ? Math.ceil(Number(process.env.SRM_SOAK_KILLS ?? 25) / KILLS_PER_ROUND) : 1;

describe.each(enginesPostgresSlow(1))(
  "kill -9 of srm start during a 500-person round, then a restart ($engine, $replicas process(es) on one database)",
  ({ engine, replicas }) => {
    it(
      "no answer a person was told was recorded is lost, and no round is posted or revealed twice",
      async () => {
        const f = await killDuringRounds({
          engine,
          replicas,
          rounds: ROUNDS,
          people: 500,
          killsPerRound: KILLS_PER_ROUND,
          seed: SEED,
        });
        report(`kill -9 and restart (srm start, Slack HTTP mode, ${engine}, ${replicas} process(es))`, {
          ...f,
        });
        expect(f.kills).toBe(ROUNDS * KILLS_PER_ROUND);
        expect(f.told).toBe(ROUNDS * 500);
        expect(f.lost).toBe(0);
        expect(f.postedTwice).toBe(0);
        expect(f.scoreDifferences).toBe(0);
        expect(f.unrevealed).toBe(0);
        // The same reveal may be written to the same message again: after a kill mid-announcement (by each live
        // process whose tick found it unannounced), and by each other process whose count update was under way
        // as the round was revealed. Identical text, so nobody sees it; never more than that.
        expect(f.revealUpdates).toBeGreaterThanOrEqual(ROUNDS);
        expect(f.revealUpdates).toBeLessThanOrEqual(
          ROUNDS * replicas + f.killsDuringReveal * Math.max(1, replicas - 1),
        );
      },
      (SOAK ? 40 : 1) * 120_000,
    );
  },
);

// Waiting for a scheduled minute takes a minute or more per engine: the slow suite's.
describe.each(SOAK ? engines(1) : [])(
  "kill -9 of the process that claimed a scheduled daily post ($engine, $replicas process(es) on one database)",
  ({ engine, replicas }) => {
    it("once the claim's lease runs out a live process takes the day over and finds the question: the channel gets it once", async () => {
      const f = await killTheDailyClaimant({ engine, replicas });
      report(`a daily post whose claimant was killed (${engine}, ${replicas} process(es))`, { ...f });
      expect(f.messages).toBe(1);
      expect(f.posts).toBe(1);
      expect(f.tookOver).toBe(1);
      expect(f.roundOnMessage).toBe(1);
      expect(f.revealedThere).toBe(1);
    }, 300_000);
  },
);
