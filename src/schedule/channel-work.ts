import type { ChannelRef, Logger } from "../ports.js";

/** The key of a channel's scheduled work. */
export function channelKey(c: ChannelRef): string {
  return `${c.platform}:${c.workspaceId}:${c.channelId}`;
}

/**
 * Runs each channel's scheduled work on its own. A channel whose work is still running (its platform hung,
 * say) is skipped until it finishes, so the same channel's work never runs twice at once; every other
 * channel carries on.
 */
export class ChannelWork {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Whether `key`'s earlier work is still running. */
  busy(key: string): boolean {
    return this.running.has(key);
  }

  /** Starts `steps` in order under `key`, unless its earlier work still runs; resolves when they are done. */
  start(key: string, steps: readonly (() => Promise<unknown>)[]): Promise<void> | null {
    if (this.running.has(key)) return null;
    const work = (async () => {
      for (const step of steps) {
        try {
          await step();
        } catch (error) {
          // One step's failure never stops the channel's other work, nor another channel's.
          this.logger.error("a channel's scheduled work failed", { channel: key, error });
        }
      }
    })().finally(() => this.running.delete(key));
    this.running.set(key, work);
    return work;
  }

  /** Resolves once all work running now is done. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }
}
