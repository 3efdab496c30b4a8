import type { Logger } from "../../src/ports.js";

/** Ids that say which request a log line is about: never tokens, payloads or what a person typed. */
export type LogFields = Record<string, unknown>;

/** How one front end logs the failures that reach its boundary. */
export interface Boundary {
  readonly logger: Logger;
  /** The front end's name in the log ("slack", "discord"). */
  readonly where: string;
  /** An error as log fields; each platform knows what its errors carry that must stay out (tokens in URLs). */
  readonly describe: (error: unknown) => LogFields;
  /**
   * A warning for a failure that leaves nothing to answer (the request expired, or was answered elsewhere),
   * or null for one that deserves an apology.
   */
  readonly unanswerable?: (error: unknown) => string | null;
}

/**
 * The one boundary of a request: runs `work`; an unexpected failure is logged once, as an error with the
 * request's ids, and the person gets the apology instead of silence. A failure that leaves nothing to answer
 * is a warning, with no apology; an apology that fails too is named on the same error line.
 */
export async function guarded(
  b: Boundary,
  failed: string,
  fields: LogFields,
  work: () => Promise<void>,
  apologise: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const warning = b.unanswerable?.(error) ?? null;
    if (warning !== null) {
      b.logger.warn(warning, { where: b.where, ...fields, ...b.describe(error) });
      return;
    }
    let apologyFailed: LogFields | null = null;
    try {
      await apologise();
    } catch (again) {
      apologyFailed = b.describe(again);
    }
    b.logger.error(failed, {
      where: b.where,
      ...fields,
      ...b.describe(error),
      ...(apologyFailed ? { apologyFailed: apologyFailed.error ?? apologyFailed } : {}),
    });
  }
}
