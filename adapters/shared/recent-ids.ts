import type { DeliveryLog } from "../../src/ports.js";
import type { Boundary } from "./boundary.js";

/**
 * The ids of the last `limit` deliveries, in memory: a platform that delivers the same request again (a
 * gateway resuming, a retry) finds its id here and is answered once. The oldest id goes first when full.
 */
export class RecentIds implements DeliveryLog {
  private readonly ids = new Set<string>();

  constructor(private readonly limit: number) {}

  firstTime(key: string): boolean {
    if (this.ids.has(key)) return false;
    this.ids.add(key);
    if (this.ids.size > this.limit) {
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    return true;
  }
}

/**
 * Whether a delivery is new. When the log cannot say (a busy database), the delivery is handled rather than
 * lost, and that is logged: a person is better answered twice than not at all.
 */
export function firstDelivery(
  deliveries: DeliveryLog,
  key: string,
  boundary: Pick<Boundary, "logger" | "describe" | "where">,
): boolean {
  try {
    return deliveries.firstTime(key);
  } catch (error) {
    boundary.logger.warn("could not check a delivery for a repeat; handling it", {
      where: boundary.where,
      ...boundary.describe(error),
    });
    return true;
  }
}
