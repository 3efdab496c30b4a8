import type { Clock, DeliveryLog } from "../ports.js";
import type { Db } from "./database.js";
import type { SqliteGate } from "./sqlite-gate.js";

/**
 * How long a delivery is remembered. Slack refuses nothing signed less than five minutes ago and a clock
 * may run five minutes either way, so a key is kept for ten: every replay a signature allows is caught.
 */
export const REMEMBER_MS = 10 * 60_000;
/** How often keys older than REMEMBER_MS are deleted: at most once a minute, by the request that finds them due. */
const PURGE_EVERY_MS = 60_000;

/** Deliveries already handled, in SQLite: shared by every process on the file and kept across restarts. */
export class DeliveryStore implements DeliveryLog {
  private readonly q;
  private purgedAt = 0;

  constructor(
    db: Db,
    private readonly gate: SqliteGate,
    private readonly clock: Clock,
  ) {
    this.q = {
      insert: db.prepare("INSERT OR IGNORE INTO delivery_keys (key, seen_at) VALUES (?, ?)"),
      purge: db.prepare("DELETE FROM delivery_keys WHERE seen_at < ?"),
    };
  }

  firstTime(key: string): Promise<boolean> {
    return this.gate.call(() => this.offer(key));
  }

  private offer(key: string): boolean {
    const now = this.clock.now().getTime();
    if (now - this.purgedAt >= PURGE_EVERY_MS) {
      this.q.purge.run(now - REMEMBER_MS);
      this.purgedAt = now;
    }
    // One statement decides: the insert changes a row only for the first process to offer the key.
    return this.q.insert.run(key, now).changes === 1;
  }
}
