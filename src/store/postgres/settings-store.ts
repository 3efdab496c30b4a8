import { type ChannelRef, type ChannelSettings, DEFAULT_SETTINGS } from "../../domain/channel.js";
import type { SettingsStore } from "../../ports/settings-store.js";
import { inChannel } from "../keys.js";
import { type RawSettings, settingsValues, toSettings } from "../settings-rows.js";
import type { PgDb } from "./db.js";

const PUT =
  "INSERT INTO channel_settings (platform, workspace, channel, services, difficulty, speed_bonus, question_pick, weekly_digest, digest_since) " +
  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
  "ON CONFLICT (platform, workspace, channel) DO UPDATE SET services = excluded.services, difficulty = excluded.difficulty, " +
  "speed_bonus = excluded.speed_bonus, question_pick = excluded.question_pick, weekly_digest = excluded.weekly_digest, " +
  // Turning the digest on again while it is on keeps the instant it was first turned on.
  "digest_since = CASE WHEN channel_settings.weekly_digest = 1 AND excluded.weekly_digest = 1 " +
  "THEN channel_settings.digest_since ELSE excluded.digest_since END";

/** Per-channel settings in PostgreSQL. */
export class PgSettingsStore implements SettingsStore {
  constructor(private readonly db: PgDb) {}

  /** A channel's settings (the defaults when it has none). */
  async get(channel: ChannelRef): Promise<ChannelSettings> {
    const raw = await this.db.one<RawSettings & { speed_bonus: number }>(
      "SELECT services, difficulty, speed_bonus, question_pick AS pick, weekly_digest AS digest FROM channel_settings " +
        "WHERE platform = $1 AND workspace = $2 AND channel = $3",
      inChannel(channel),
    );
    return raw ? toSettings(raw, raw.speed_bonus) : DEFAULT_SETTINGS;
  }

  /** Replaces a channel's settings; `at` is when, so a digest turned on mid-week waits for the next Monday. */
  async put(channel: ChannelRef, s: ChannelSettings, at: Date): Promise<void> {
    await this.db.run(PUT, settingsValues(channel, s, at));
  }
}
