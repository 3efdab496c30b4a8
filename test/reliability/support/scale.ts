import type fc from "fast-check";

/**
 * How hard the reliability suite pushes. `npm test` runs it quick and deterministic; the soak
 * (SRM_SOAK=1, see RELIABILITY.md) runs the same tests with many more inputs and kills, and may take a
 * seed of its own (SRM_SEED) so that every soak explores new inputs yet any failure can be replayed.
 */
export const SOAK = process.env.SRM_SOAK === "1";

/** The fast-check seed: fixed for `npm test`, chosen by the soak and printed with its figures. */
export const SEED = Number(process.env.SRM_SEED ?? 20_260_302);

/** A count for the quick suite, multiplied for the soak (SRM_SOAK_FACTOR, default 10). */
export function scaled(quick: number): number {
  return SOAK ? quick * Number(process.env.SRM_SOAK_FACTOR ?? 10) : quick;
}

/** How much of a failing input a report shows: hostile inputs run to megabytes. */
const SHOWN = 3_000;

/**
 * The fast-check parameters of one property: fixed seed and run count, no time-based limits, and a
 * failure report cut to a readable length that still names the seed and path to replay it.
 */
export function checkParams<T>(numRuns: number): fc.Parameters<T> {
  return {
    seed: SEED,
    numRuns: scaled(numRuns),
    endOnFailure: true,
    reporter: (details) => {
      if (!details.failed) return;
      const input = JSON.stringify(details.counterexample) ?? "";
      const cause =
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance);
      throw new Error(
        `property failed (seed ${details.seed}, path "${details.counterexample === null ? "" : details.counterexamplePath}") ` +
          `after ${details.numRuns} runs: ${cause.slice(0, SHOWN)}\ninput: ${input.slice(0, SHOWN)}${input.length > SHOWN ? "…" : ""}`,
      );
    },
  };
}
