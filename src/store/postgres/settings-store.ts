import { type ChannelRef, type ChannelSettings, DEFAULT_SETTINGS } from "../../domain/channel.js";
import type { Difficulty } from "../../domain/question.js";
import type { SettingsStore } from "../../ports/settings-store.js";
import { inChannel } from "../keys.js";
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
    const raw = await this.db.one<{
      services: string | null;
      difficulty: Difficulty | null;
      speed_bonus: number;
      pick: ChannelSettings["pick"];
      digest: number;
    }>(
      "SELECT services, difficulty, speed_bonus, question_pick AS pick, weekly_digest AS digest FROM channel_settings " +
        "WHERE platform = $1 AND workspace = $2 AND channel = $3",
      inChannel(channel),
    );
    if (!raw) return DEFAULT_SETTINGS;
    return {
      services: raw.services ? (JSON.parse(raw.services) as string[]) : null,
      difficulty: raw.difficulty,
      speedBonus: raw.speed_bonus === 1,
      pick: raw.pick,
      digest: raw.digest === 1,
    };
  }

  /** Replaces a channel's settings; `at` is when, so a digest turned on mid-week waits for the next Monday. */
  async put(channel: ChannelRef, s: ChannelSettings, at: Date): Promise<void> {
    await this.db.run(PUT, [
      ...inChannel(channel),
      s.services ? JSON.stringify(s.services) : null,
      s.difficulty,
      s.speedBonus ? 1 : 0,
      s.pick,
      s.digest ? 1 : 0,
      s.digest ? at.toISOString() : null,
    ]);
  }
}
