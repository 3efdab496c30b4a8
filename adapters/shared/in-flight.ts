/**
 * The requests a front end has taken and not yet answered, so that stopping can wait for every one of them
 * instead of cutting a person off mid-answer.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Remembers `work` until it settles; a failure stays the caller's to handle (it is not swallowed here). */
  track(work: Promise<unknown>): void {
    this.running.add(work);
    const forget = () => {
      this.running.delete(work);
    };
    work.then(forget, forget);
  }

  /** How many requests are being answered now. */
  get size(): number {
    return this.running.size;
  }

  /** Resolves once every request taken so far, and any taken while waiting, has settled. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
