/**
 * Runs at most `limit` pieces of request work at once and queues the rest. In a burst (a thousand people
 * clicking one question), acknowledgements, which Slack times, then take turns with a few pieces of work
 * instead of waiting behind all of them.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `work` when a place is free; resolves or rejects as `work` does. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      // The place passes straight to the next in line, so `running` never drops below what is in flight.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
