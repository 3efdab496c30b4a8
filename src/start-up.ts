import type { FrontEnd, Logger } from "./ports.js";

/** The first wait after a platform could not be reached; it doubles up to MAX_BACKOFF_MS. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;

/** Where a platform connection stands, as /readyz names it. */
export class ConnectionState {
  private text = "connecting";
  private up = false;

  /** Whether the platform is connected. */
  ready(): boolean {
    return this.up;
  }

  /** What /readyz says while it is not ("connecting", "unreachable, retrying ..."). */
  state(): string {
    return this.text;
  }

  /** Records a new state. */
  set(text: string, up = false): void {
    this.text = text;
    this.up = up;
  }
}

/** A platform that could not be reached at start (no connection, a 5xx): worth trying again, unlike a refused token. */
export class PlatformUnreachable extends Error {
  readonly code = "PLATFORM_UNREACHABLE";
}

/** Why a start-up was given up: a stop signal came, or the platform stayed out of reach too long. */
export class StartAbandoned extends Error {
  readonly code = "START_ABANDONED";
}

/**
 * Starts a front end, trying again with a doubling wait while its platform cannot be reached (a refused
 * token fails at once), until `timeoutMs` has passed or `stopped` is aborted; `state` says where it stands.
 */
export async function connectWithRetries(
  f: FrontEnd,
  o: { state: ConnectionState; timeoutMs: number; stopped: AbortSignal; logger: Logger },
): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  let wait = FIRST_BACKOFF_MS;
  for (let attempt = 1; ; attempt++) {
    if (o.stopped.aborted) throw new StartAbandoned(`stopped while connecting to ${f.platform}`);
    try {
      await f.start();
      o.state.set("connected", true);
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "PLATFORM_UNREACHABLE") throw error;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `${f.platform} could not be reached for ${Math.round(o.timeoutMs / 1000)} s (SRM_CONNECT_TIMEOUT); giving up. Last error: ${(error as Error).message}`,
          { cause: error },
        );
      o.state.set(`unreachable, retrying (attempt ${attempt} failed: ${(error as Error).message})`);
      o.logger.warn(`${f.platform} could not be reached; trying again`, {
        attempt,
        retryInMs: Math.min(wait, left),
        error: (error as Error).message,
      });
      await pause(Math.min(wait, left), o.stopped);
      wait = Math.min(wait * 2, MAX_BACKOFF_MS);
    }
  }
}

/** Waits `ms`, or less when `signal` aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Logs a rejection no handler caught instead of letting it end the process (a library's stray failure
 * costs one request, not the bot), and logs an exception thrown outside any handler before Node ends the
 * process as it always does: after one, nothing is known about the state. Returns the removal.
 */
export function catchStrayFailures(signals: NodeJS.EventEmitter, logger: Logger): () => void {
  const onRejection = (reason: unknown) =>
    logger.error("an unexpected failure outside any handler", { where: "process", error: described(reason) });
  const onException = (error: unknown) =>
    logger.error("an unexpected exception outside any handler; exiting", {
      where: "process",
      error: described(error),
    });
  signals.on("unhandledRejection", onRejection);
  signals.on("uncaughtExceptionMonitor", onException);
  return () => {
    signals.off("unhandledRejection", onRejection);
    signals.off("uncaughtExceptionMonitor", onException);
  };
}

function described(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? String(reason)) : String(reason);
}
