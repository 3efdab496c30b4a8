import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../../src/domain/channel.js";
import type { Async } from "../../../src/ports/async.js";
import type { LookupJournal, LookupRecord } from "../../../src/ports.js";
import { SqliteLookupJournal } from "../../../src/store/lookup-journal.js";
import { PgLookupJournal } from "../../../src/store/postgres/lookup-journal.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";

type Stores = { lookups: LookupJournal };

const C1: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const C2: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C2" };
const OTHER: ChannelRef = { platform: "discord", workspaceId: "T1", channelId: "C1" };
const T0 = new Date("2026-03-02T09:00:00.000Z");
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

function lookup(channel: ChannelRef, cell: string | null, at: Date = T0): LookupRecord {
  const [serviceId, areaId] = cell ? cell.split("/") : [null, null];
  return {
    channel,
    status: cell ? "answer" : "unknown",
    serviceId: serviceId ?? null,
    areaId: areaId ?? null,
    owner: cell ? "customer" : null,
    at,
  };
}

const engines = storeEngines<Stores>({
  sqlite: (db, _clock, gate) => ({ lookups: new SqliteLookupJournal(db, gate) }),
  postgres: (db) => ({ lookups: new PgLookupJournal(db) }),
});

describe.each(engines)("LookupJournal on $name", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  let journal: LookupJournal;
  beforeEach(async () => {
    opened = await engine.open();
    journal = opened.stores.lookups;
  });
  afterEach(async () => opened.close());

  it("counts a workspace's recognised lookups by cell since an instant, most asked first, ties by service and area", async () => {
    const records = [
      lookup(C1, "s3/encryption"),
      lookup(C2, "ec2/patching"),
      lookup(C1, "s3/encryption"),
      lookup(C1, "ec2/patching"),
      lookup(C1, "ec2/networking"),
      lookup(C2, "ec2/networking"),
      lookup(C1, "s3/encryption"),
      lookup(C1, null),
      lookup(OTHER, "s3/encryption"),
      lookup(C1, "rds/backups", later(-48)),
    ];
    for (const r of records) journal.record(r);
    expect(await journal.mostAsked("slack", "T1", later(-24), 10)).toEqual([
      { serviceId: "s3", areaId: "encryption", count: 3 },
      { serviceId: "ec2", areaId: "networking", count: 2 },
      { serviceId: "ec2", areaId: "patching", count: 2 },
    ]);
    expect(await journal.mostAsked("slack", "T1", later(-24), 2)).toHaveLength(2);
    expect(await journal.mostAsked("slack", "T1", later(-72), 10)).toContainEqual({
      serviceId: "rds",
      areaId: "backups",
      count: 1,
    });
    expect(await journal.mostAsked("slack", "T2", later(-24), 10)).toEqual([]);
  });

  it("records still waiting to be written are counted, and a flush writes them", async () => {
    journal.record(lookup(C1, "iam/users"));
    await journal.flush();
    journal.record(lookup(C1, "iam/users"));
    expect(await journal.mostAsked("slack", "T1", later(-1), 5)).toEqual([
      { serviceId: "iam", areaId: "users", count: 2 },
    ]);
  });
});

describe.each(engines)("LookupJournal on $name, inside transactions", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  let journal: LookupJournal;
  beforeEach(async () => {
    opened = await engine.open();
    journal = opened.stores.lookups;
  });
  afterEach(async () => opened.close());

  it("a lookup recorded during work that fails is kept: statistics are written on their own", async () => {
    const failed = opened.transactions.run(async () => {
      journal.record(lookup(C1, "kms/keys"));
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error("the work around the lookup failed");
    });
    await expect(failed).rejects.toThrow("the work around the lookup failed");
    expect(await journal.mostAsked("slack", "T1", later(-1), 5)).toEqual([
      { serviceId: "kms", areaId: "keys", count: 1 },
    ]);
  });
});
