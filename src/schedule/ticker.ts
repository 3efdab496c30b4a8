import cron from "node-cron";
import type { Logger } from "../ports.js";

/** How often the bot looks for due posts, reveals and announcements: every 20 seconds. */
export const DEFAULT_TICK = "*/20 * * * * *";

/** A running ticker. */
export interface Ticker {
  /** Stops the ticker and waits for a tick in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `tick` on a node-cron schedule. Ticks never overlap: one that comes while the last is still running
 * is dropped, since the next tick catches up on everything due.
 */
export function startTicker(tick: () => Promise<void>, logger: Logger, expression = DEFAULT_TICK): Ticker {
  if (!cron.validate(expression)) throw new Error(`not a cron expression: ${expression}`);
  let running: Promise<void> | null = null;
  const task = cron.schedule(expression, () => {
    if (running !== null) return;
    running = tick()
      .catch((error: unknown) => logger.error("a scheduled tick failed", { error }))
      .finally(() => {
        running = null;
      });
  });
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      if (running !== null) await running;
    },
  };
}
