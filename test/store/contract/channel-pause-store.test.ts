import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../../src/domain/channel.js";
import type { Async } from "../../../src/ports/async.js";
import type { ChannelPauseStore } from "../../../src/ports/channel-pause-store.js";
import { SqliteChannelPauseStore } from "../../../src/store/channel-pause-store.js";
import { PgChannelPauseStore } from "../../../src/store/postgres/channel-pause-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";

type Stores = { channelPauses: ChannelPauseStore };

const C1: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const C2: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C2" };
const T0 = new Date("2026-03-04T09:00:00.000Z");

const engines = storeEngines<Stores>({
  sqlite: (db) => ({ channelPauses: new SqliteChannelPauseStore(db) }),
  postgres: (db) => ({ channelPauses: new PgChannelPauseStore(db) }),
});

describe.each(engines)("ChannelPauseStore on $name", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  let store: ChannelPauseStore;
  beforeEach(async () => {
    opened = await engine.open();
    store = opened.stores.channelPauses;
  });
  afterEach(async () => opened.close());

  it("a channel is paused once, with the first refusal's reason and time, until it is resumed", async () => {
    expect(await store.get(C1)).toBeUndefined();
    expect(await store.pause(C1, "channel_not_found", T0)).toBe(true);
    expect(await store.pause(C1, "not_in_channel", new Date(T0.getTime() + 60_000))).toBe(false);
    expect(await store.get(C1)).toEqual({ reason: "channel_not_found", pausedAt: T0 });
    expect(await store.get(C2)).toBeUndefined();
    expect(await store.resume(C1)).toBe(true);
    expect(await store.resume(C1)).toBe(false);
    expect(await store.get(C1)).toBeUndefined();
  });

  it("of three replicas pausing a channel at once, one pauses it", async () => {
    const paused = await Promise.all(
      ["a", "b", "c"].map((r) => store.pause(C2, `50001 Missing Access ${r}`, T0)),
    );
    expect(paused.filter(Boolean)).toHaveLength(1);
  });
});
