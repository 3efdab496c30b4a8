import type { ChannelPause, ChannelRef } from "../domain/channel.js";

/** Channels the platform refused for good, stored. */
export interface ChannelPauseStore {
  /** Pauses a channel; false when it was paused already. */
  pause(channel: ChannelRef, reason: string, at: Date): Promise<boolean>;
  /** The channel's pause, if it is paused. */
  get(channel: ChannelRef): Promise<ChannelPause | undefined>;
  /** Lifts a channel's pause; false when it was not paused. */
  resume(channel: ChannelRef): Promise<boolean>;
}
