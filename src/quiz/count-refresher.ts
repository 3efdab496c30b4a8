import type { RoundRow } from "../domain/round.js";

/**
 * The least time between two updates of one round's answer count: a burst of answers moves the count about
 * once a second instead of once per answer, within Slack's and Discord's limits on editing one message.
 */
export const COUNT_UPDATE_INTERVAL_MS = 1_000;

/** One round's refresh under way: whether another is owed, and how to cut the wait before it short. */
interface Pending {
  again: boolean;
  wake: (() => void) | null;
  /** Someone is waiting for the updates to finish: no more pauses. */
  hurried: boolean;
}

/**
 * Keeps the answer count on each open round's channel message up to date: at most one update in flight per
 * round, one more after it when answers came meanwhile, and at least COUNT_UPDATE_INTERVAL_MS between them.
 */
export class CountRefresher {
  private readonly pending = new Map<number, Pending>();

  constructor(
    /** Sends one round's current count; it logs its own failures. */
    private readonly refresh: (round: RoundRow) => Promise<void>,
    /** Hands the work to whoever waits for background work to finish. */
    private readonly track: (work: Promise<void>) => void,
    private readonly intervalMs = COUNT_UPDATE_INTERVAL_MS,
  ) {}

  /** An answer came: the round's count is updated now, or after the update under way and the interval. */
  soon(round: RoundRow): void {
    const known = this.pending.get(round.id);
    if (known) {
      known.again = true;
      return;
    }
    const state: Pending = { again: true, wake: null, hurried: false };
    this.pending.set(round.id, state);
    this.track(
      (async () => {
        try {
          while (state.again) {
            state.again = false;
            const started = performance.now();
            await this.refresh(round);
            if (state.again) await this.pause(state, this.intervalMs - (performance.now() - started));
          }
        } finally {
          this.pending.delete(round.id);
        }
      })(),
    );
  }

  /** Ends every wait between updates at once: before a reveal or a shutdown, the last count goes out now. */
  hurry(): void {
    for (const state of this.pending.values()) {
      state.hurried = true;
      state.wake?.();
    }
  }

  private pause(state: Pending, ms: number): Promise<void> {
    if (ms <= 0 || state.hurried) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        state.wake = null;
        resolve();
      }
      state.wake = done;
    });
  }
}
