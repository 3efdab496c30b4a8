import type { ChannelPause, ChannelRef } from "../../domain/channel.js";
import type { ChannelPauseStore } from "../../ports/channel-pause-store.js";
import { inChannel } from "../keys.js";
import type { PgDb } from "./db.js";

const KEY = "platform = $1 AND workspace = $2 AND channel = $3";

/** Channels the platform refused for good, in PostgreSQL: a pause one replica makes holds for every replica. */
export class PgChannelPauseStore implements ChannelPauseStore {
  constructor(private readonly db: PgDb) {}

  /** Pauses a channel; false when it was paused already. */
  async pause(channel: ChannelRef, reason: string, at: Date): Promise<boolean> {
    const added = await this.db.run(
      "INSERT INTO channel_pauses (platform, workspace, channel, reason, paused_at) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT DO NOTHING",
      [...inChannel(channel), reason, at.toISOString()],
    );
    return added === 1;
  }

  /** The channel's pause, if it is paused. */
  async get(channel: ChannelRef): Promise<ChannelPause | undefined> {
    const raw = await this.db.one<{ reason: string; paused_at: string }>(
      `SELECT reason, paused_at FROM channel_pauses WHERE ${KEY}`,
      inChannel(channel),
    );
    return raw ? { reason: raw.reason, pausedAt: new Date(raw.paused_at) } : undefined;
  }

  /** Lifts a channel's pause; false when it was not paused. */
  async resume(channel: ChannelRef): Promise<boolean> {
    return (await this.db.run(`DELETE FROM channel_pauses WHERE ${KEY}`, inChannel(channel))) === 1;
  }
}
