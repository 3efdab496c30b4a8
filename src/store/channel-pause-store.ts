import type { ChannelPause, ChannelRef } from "../domain/channel.js";
import type { ChannelPauseStore } from "../ports/channel-pause-store.js";
import type { Db } from "./database.js";
import { inChannel } from "./keys.js";
import type { Sync } from "./sqlite-gate.js";

const KEY = "platform = ? AND workspace = ? AND channel = ?";

/** Channels the platform refused for good, in SQLite. */
export class SqliteChannelPauseStore implements Sync<ChannelPauseStore> {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      pause: db.prepare(
        "INSERT OR IGNORE INTO channel_pauses (platform, workspace, channel, reason, paused_at) VALUES (?, ?, ?, ?, ?)",
      ),
      get: db.prepare(`SELECT reason, paused_at FROM channel_pauses WHERE ${KEY}`),
      resume: db.prepare(`DELETE FROM channel_pauses WHERE ${KEY}`),
    };
  }

  /** Pauses a channel; false when it was paused already. */
  pause(channel: ChannelRef, reason: string, at: Date): boolean {
    return this.q.pause.run(...inChannel(channel), reason, at.toISOString()).changes === 1;
  }

  /** The channel's pause, if it is paused. */
  get(channel: ChannelRef): ChannelPause | undefined {
    const raw = this.q.get.get(...inChannel(channel)) as { reason: string; paused_at: string } | undefined;
    return raw ? { reason: raw.reason, pausedAt: new Date(raw.paused_at) } : undefined;
  }

  /** Lifts a channel's pause; false when it was not paused. */
  resume(channel: ChannelRef): boolean {
    return this.q.resume.run(...inChannel(channel)).changes === 1;
  }
}
