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
      await within(f.start(), deadline, o.stopped, f.platform, o.logger);
      o.state.set("connected", true);
      return;
    } catch (error) {
      if (error instanceof StartAbandoned) throw error;
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
        error,
      });
      await pause(Math.min(wait, left), o.stopped);
      wait = Math.min(wait * 2, MAX_BACKOFF_MS);
    }
  }
}

/**
 * Waits for one start attempt, but no longer than the deadline or a stop signal: a platform whose start
 * never settles (a gateway that keeps reconnecting) must not hold up giving up, or stopping. An attempt
 * left behind is stopped by the front end's own stop(); its late failure is logged.
 */
function within(
  attempt: Promise<void>,
  deadline: number,
  stopped: AbortSignal,
  platform: string,
  logger: Logger,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  const cut = new Promise<never>((_, reject) => {
    onAbort = () => reject(new StartAbandoned(`stopped while connecting to ${platform}`));
    if (stopped.aborted) onAbort();
    stopped.addEventListener("abort", onAbort, { once: true });
    timer = setTimeout(
      () => reject(new StartAbandoned(`${platform} did not finish connecting within SRM_CONNECT_TIMEOUT`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  let settled = false;
  const watched = attempt.finally(() => {
    settled = true;
  });
  return Promise.race([watched, cut]).finally(() => {
    clearTimeout(timer);
    stopped.removeEventListener("abort", onAbort);
    if (!settled)
      attempt.catch((error: unknown) =>
        logger.warn(`a start attempt of ${platform} failed after it was given up`, { error }),
      );
  });
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
    logger.error("an unexpected failure outside any handler", { where: "process", error: reason });
  const onException = (error: unknown) =>
    logger.error("an unexpected exception outside any handler; exiting", {
      where: "process",
      error,
    });
  signals.on("unhandledRejection", onRejection);
  signals.on("uncaughtExceptionMonitor", onException);
  return () => {
    signals.off("unhandledRejection", onRejection);
    signals.off("uncaughtExceptionMonitor", onException);
  };
}
