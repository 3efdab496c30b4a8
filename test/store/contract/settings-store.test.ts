import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ChannelRef, type ChannelSettings, DEFAULT_SETTINGS } from "../../../src/domain/channel.js";
import type { Async } from "../../../src/ports/async.js";
import type { SettingsStore } from "../../../src/ports/settings-store.js";
import { PgSettingsStore } from "../../../src/store/postgres/settings-store.js";
import { SqliteSettingsStore } from "../../../src/store/settings-store.js";
import { type OpenStores, storeEngines } from "../../support/store-engines.js";

type Stores = { settings: SettingsStore };

const C1: ChannelRef = { platform: "slack", workspaceId: "T1", channelId: "C1" };
const C2: ChannelRef = { platform: "discord", workspaceId: "T1", channelId: "C1" };
const T0 = new Date("2026-03-04T09:00:00.000Z");

const engines = storeEngines<Stores>({
  sqlite: (db) => ({ settings: new SqliteSettingsStore(db) }),
  postgres: (db) => ({ settings: new PgSettingsStore(db) }),
});

describe.each(engines)("SettingsStore on $name", (engine) => {
  let opened: OpenStores<Async<Stores>>;
  let store: SettingsStore;
  beforeEach(async () => {
    opened = await engine.open();
    store = opened.stores.settings;
  });
  afterEach(async () => opened.close());

  it("a channel that never set anything has the defaults", async () => {
    expect(await store.get(C1)).toEqual(DEFAULT_SETTINGS);
  });

  it("settings are read back as they were put, a second put replaces them, and they are the channel's own", async () => {
    const first: ChannelSettings = {
      services: ["ec2", "s3"],
      difficulty: "hard",
      speedBonus: true,
      pick: "memory",
      digest: true,
    };
    await store.put(C1, first, T0);
    expect(await store.get(C1)).toEqual(first);
    expect(await store.get(C2)).toEqual(DEFAULT_SETTINGS);
    const second: ChannelSettings = { ...DEFAULT_SETTINGS, difficulty: "easy" };
    await store.put(C1, second, T0);
    expect(await store.get(C1)).toEqual(second);
  });
});
