import type { Clock, DeliveryLog } from "../../ports.js";
import { REMEMBER_MS } from "../delivery-store.js";
import type { PgDb } from "./db.js";

/** How often keys older than REMEMBER_MS are deleted: at most once a minute per replica. */
const PURGE_EVERY_MS = 60_000;

/**
 * Deliveries already handled, in PostgreSQL: shared by every replica, so a retry or a replay that reaches
 * another replica than the first delivery is dropped there too, and kept across restarts.
 */
export class PgDeliveryStore implements DeliveryLog {
  private purgedAt = 0;

  constructor(
    private readonly db: PgDb,
    private readonly clock: Clock,
  ) {}

  /** True the first time a delivery key is offered within the replay window; false for every repeat. */
  async firstTime(key: string): Promise<boolean> {
    const now = this.clock.now().getTime();
    if (now - this.purgedAt >= PURGE_EVERY_MS) {
      this.purgedAt = now;
      await this.db.run("DELETE FROM delivery_keys WHERE seen_at < $1", [now - REMEMBER_MS]);
    }
    // One statement decides: of replicas offered the same key at once, the insert adds a row for one only.
    const added = await this.db.run(
      "INSERT INTO delivery_keys (key, seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      [key, now],
    );
    return added === 1;
  }
}
