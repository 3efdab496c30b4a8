import { RecentMap } from "../../src/domain/recent-map.js";
import type { DeliveryLog } from "../../src/ports.js";
import type { Boundary } from "./boundary.js";

/**
 * The ids of the last `limit` deliveries, in memory: a platform that delivers the same request again (a
 * gateway resuming, a retry) finds its id here and is answered once. The oldest id goes first when full.
 */
export class RecentIds {
  private readonly ids: RecentMap<string, true>;

  constructor(limit: number) {
    this.ids = new RecentMap(limit);
  }

  /** True the first time an id is offered; false while it is among the last `limit`. */
  firstTime(key: string): boolean {
    if (this.ids.get(key)) return false;
    this.ids.set(key, true);
    return true;
  }
}

/**
 * Whether a delivery is new. When the log cannot say (a busy database), the delivery is handled rather than
 * lost, and that is logged: a person is better answered twice than not at all.
 */
export async function firstDelivery(
  deliveries: DeliveryLog,
  key: string,
  boundary: Pick<Boundary, "logger" | "describe" | "where">,
): Promise<boolean> {
  try {
    return await deliveries.firstTime(key);
  } catch (error) {
    boundary.logger.warn("could not check a delivery for a repeat; handling it", {
      where: boundary.where,
      ...boundary.describe(error),
    });
    return true;
  }
}
