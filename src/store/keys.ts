import type { ChannelRef } from "../domain/channel.js";

/** A channel as the three key columns every per-channel table starts with: platform, workspace, channel. */
export const inChannel = (c: ChannelRef) => [c.platform, c.workspaceId, c.channelId] as const;
