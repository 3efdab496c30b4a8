/** How long a delivery is remembered: Slack retries within minutes, so ten covers every retry. */
const REMEMBER_MS = 10 * 60_000;
/** An upper bound on what is remembered, so a flood of requests cannot grow memory without limit. */
const MAX_REMEMBERED = 50_000;

/**
 * Remembers recent Slack deliveries by a key that stays the same when Slack sends one delivery again
 * (an `X-Slack-Retry-Num` retry, or a Socket Mode envelope that was not acknowledged in time).
 */
export class DeliveryLog {
  /** Key to the time it was first seen; Map keeps insertion order, so the oldest entries come first. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time a key is offered within the window; false for every repeat. */
  firstTime(key: string): boolean {
    const now = this.now();
    this.forgetOld(now);
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    return true;
  }

  private forgetOld(now: number): void {
    for (const [key, at] of this.seen) {
      if (now - at < REMEMBER_MS && this.seen.size < MAX_REMEMBERED) break;
      this.seen.delete(key);
    }
  }
}

/**
 * The key of one delivery, or null when the payload carries nothing that identifies it: an event by its
 * event_id, a slash command by its trigger_id, a click by who clicked what, and when (action_ts).
 */
export function deliveryKey(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.event_id === "string") return `event:${b.event_id}`;
  if (typeof b.command === "string" && typeof b.trigger_id === "string") return `command:${b.trigger_id}`;
  if (b.type === "block_actions" && Array.isArray(b.actions)) {
    const user = (b.user as { id?: unknown } | undefined)?.id;
    const action = b.actions[0] as { action_id?: unknown; action_ts?: unknown } | undefined;
    if (typeof user === "string" && typeof action?.action_ts === "string")
      return `click:${user}:${String(action.action_id)}:${action.action_ts}`;
  }
  return null;
}
