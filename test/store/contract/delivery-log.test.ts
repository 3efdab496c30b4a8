import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Async } from "../../../src/ports/async.js";
import type { DeliveryLog } from "../../../src/ports.js";
import { DeliveryStore } from "../../../src/store/delivery-store.js";
import { PgDeliveryStore } from "../../../src/store/postgres/delivery-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";

type Stores = { deliveries: DeliveryLog };

const MINUTE = 60_000;

const engines = storeEngines<Stores>({
  sqlite: (db, clock, gate) => ({ deliveries: new DeliveryStore(db, gate, clock) }),
  postgres: (db, clock) => ({ deliveries: new PgDeliveryStore(db, clock) }),
});

describe.each(engines)("DeliveryLog on $name", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  let log: DeliveryLog;
  beforeEach(async () => {
    opened = await engine.open();
    log = opened.stores.deliveries;
  });
  afterEach(async () => opened.close());

  it("a delivery is handled the first time its key is offered, and every repeat is dropped", async () => {
    expect(await log.firstTime("event:Ev1")).toBe(true);
    expect(await log.firstTime("event:Ev1")).toBe(false);
    expect(await log.firstTime("event:Ev2")).toBe(true);
    opened.clock.advance(9 * MINUTE);
    expect(await log.firstTime("event:Ev1")).toBe(false);
  });

  it("a key offered to three replicas at once is handled by one of them", async () => {
    const offers = await Promise.all([1, 2, 3].map(() => log.firstTime("trigger:123.456")));
    expect(offers.filter(Boolean)).toHaveLength(1);
  });

  it("a key seen longer ago than any replay a signature allows is new again", async () => {
    expect(await log.firstTime("action:A1")).toBe(true);
    opened.clock.advance(11 * MINUTE);
    expect(await log.firstTime("action:A1")).toBe(true);
    expect(await log.firstTime("action:A1")).toBe(false);
  });
});
