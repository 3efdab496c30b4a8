import { type APIMessage, type REST, Routes } from "discord.js";
import type { Announcer, ChannelRef, Logger, PostedMessage } from "../../src/ports.js";
import type { Card } from "../../src/views/card.js";
import { type MessageContent, sendCards } from "./message-body.js";

const SNOWFLAKE = /^\d{1,25}$/;

/** The REST body of a channel message: nobody is ever pinged by what srm-bot writes. */
function restBody(m: MessageContent, removeButtons: boolean) {
  return {
    content: m.content,
    embeds: m.embeds,
    // An edit without buttons must send [] to take the old ones away (a reveal closes the question).
    ...(m.components.length > 0 || removeButtons ? { components: m.components } : {}),
    allowed_mentions: { parse: [] },
  };
}

function ids(channel: ChannelRef, ref?: string): void {
  // Ids go into URL paths; anything but a snowflake is a bug upstream, refused before it reaches Discord.
  if (channel.platform !== "discord" || !SNOWFLAKE.test(channel.channelId))
    throw new Error(`not a Discord channel: ${channel.platform}/${channel.channelId.slice(0, 40)}`);
  if (ref !== undefined && !SNOWFLAKE.test(ref))
    throw new Error(`not a Discord message id: ${ref.slice(0, 40)}`);
}

/**
 * Speaks in Discord channels through the client's REST manager: posts are POST /channels/{id}/messages,
 * updates PATCH /channels/{id}/messages/{ref}. @discordjs/rest waits out 429s and retries, so an edit
 * that meets a rate limit still lands; other failures are thrown for the engine to log per channel.
 */
export class DiscordAnnouncer implements Announcer {
  constructor(
    private readonly rest: REST,
    private readonly logger: Logger,
  ) {}

  async post(channel: ChannelRef, card: Card): Promise<PostedMessage> {
    ids(channel);
    const message = await sendCards([card], this.logger, (m) =>
      this.rest.post(Routes.channelMessages(channel.channelId), { body: restBody(m, false) }),
    );
    return { ref: (message as APIMessage).id };
  }

  async update(channel: ChannelRef, ref: string, card: Card): Promise<void> {
    ids(channel, ref);
    await sendCards([card], this.logger, (m) =>
      this.rest.patch(Routes.channelMessage(channel.channelId, ref), { body: restBody(m, true) }),
    );
  }
}
