import { type ChannelRef, type ChannelSettings, DEFAULT_SETTINGS } from "../domain/channel.js";
import type { SettingsStore } from "../ports/settings-store.js";
import type { Db } from "./database.js";
import { inChannel } from "./keys.js";
import { type RawSettings, settingsValues, toSettings } from "./settings-rows.js";
import type { Sync } from "./sqlite-gate.js";

/** Per-channel settings in SQLite. */
export class SqliteSettingsStore implements Sync<SettingsStore> {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      get: db.prepare(
        "SELECT services, difficulty, speed_bonus AS speedBonus, question_pick AS pick, weekly_digest AS digest FROM channel_settings WHERE platform = ? AND workspace = ? AND channel = ?",
      ),
      put: db.prepare(
        "INSERT INTO channel_settings (platform, workspace, channel, services, difficulty, speed_bonus, question_pick, weekly_digest, digest_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) " +
          "ON CONFLICT (platform, workspace, channel) DO UPDATE SET services = excluded.services, difficulty = excluded.difficulty, speed_bonus = excluded.speed_bonus, " +
          "question_pick = excluded.question_pick, weekly_digest = excluded.weekly_digest, " +
          // Turning the digest on again while it is on keeps the instant it was first turned on.
          "digest_since = CASE WHEN channel_settings.weekly_digest = 1 AND excluded.weekly_digest = 1 THEN channel_settings.digest_since ELSE excluded.digest_since END",
      ),
    };
  }

  /** A channel's settings (the defaults when it has none). */
  get(channel: ChannelRef): ChannelSettings {
    const raw = this.q.get.get(...inChannel(channel)) as (RawSettings & { speedBonus: number }) | undefined;
    return raw ? toSettings(raw, raw.speedBonus) : DEFAULT_SETTINGS;
  }

  /** Replaces a channel's settings; `at` is when, so a digest turned on mid-week waits for the next Monday. */
  put(channel: ChannelRef, s: ChannelSettings, at: Date): void {
    this.q.put.run(...settingsValues(channel, s, at));
  }
}
