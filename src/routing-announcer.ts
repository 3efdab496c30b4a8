import type { Announcer, ChannelRef, Platform, PostedMessage } from "./ports.js";
import type { Card } from "./views/card.js";

/** Sends each post to the announcer of the channel's platform, so one engine serves every front end. */
export class RoutingAnnouncer implements Announcer {
  private readonly byPlatform = new Map<Platform, Announcer>();
  private readonly serving = new Map<Platform, (channel: ChannelRef) => boolean>();

  /** Makes `announcer` speak for every channel on `platform`; `serves` narrows the channels whose scheduled work is this process's. */
  register(platform: Platform, announcer: Announcer, serves?: (channel: ChannelRef) => boolean): void {
    this.byPlatform.set(platform, announcer);
    if (serves) this.serving.set(platform, serves);
  }

  /** A platform this process runs no front end for is never its to serve. */
  serves(channel: ChannelRef): boolean {
    if (!this.byPlatform.has(channel.platform)) return false;
    return this.serving.get(channel.platform)?.(channel) ?? true;
  }

  post(channel: ChannelRef, card: Card, token?: string): Promise<PostedMessage> {
    return this.route(channel).post(channel, card, token);
  }

  async find(channel: ChannelRef, token: string): Promise<PostedMessage | null> {
    const announcer = this.route(channel);
    return announcer.find ? announcer.find(channel, token) : null;
  }

  update(channel: ChannelRef, ref: string, card: Card): Promise<void> {
    return this.route(channel).update(channel, ref, card);
  }

  private route(channel: ChannelRef): Announcer {
    const announcer = this.byPlatform.get(channel.platform);
    if (!announcer)
      throw new Error(`no front end is running for ${channel.platform} channel ${channel.channelId}`);
    return announcer;
  }
}
