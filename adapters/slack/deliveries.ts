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
