import type { ChannelRef, ChannelSettings } from "../domain/channel.js";

/** Per-channel settings, stored. */
export interface SettingsStore {
  /** A channel's settings (the defaults when it has none). */
  get(channel: ChannelRef): Promise<ChannelSettings>;
  /** Replaces a channel's settings; `at` is when, so a digest turned on mid-week waits for the next Monday. */
  put(channel: ChannelRef, s: ChannelSettings, at: Date): Promise<void>;
}
