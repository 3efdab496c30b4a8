import { type APIMessage, DiscordAPIError, type REST, Routes } from "discord.js";
import {
  type Announcer,
  type ChannelRef,
  ChannelUnreachable,
  type Logger,
  type PostedMessage,
} from "../../src/ports.js";
import type { Card } from "../../src/views/card.js";
import { type MessageContent, sendCards } from "./message-body.js";
import { pictureFiles } from "./pictures.js";

const SNOWFLAKE = /^\d{1,25}$/;
/** The longest nonce Discord takes. */
const NONCE_MAX = 25;

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

  /** Posts a card; with a `token`, a post retried (after a timeout, say) returns the first message, not a second. */
  async post(channel: ChannelRef, card: Card, token?: string): Promise<PostedMessage> {
    ids(channel);
    const once = token ? { nonce: token.slice(0, NONCE_MAX), enforce_nonce: true } : {};
    const message = await classified(channel, () =>
      sendCards([card], this.logger, (m) => {
        // A picture (the digest's heat map) goes as a file, shown inside the card's embed.
        if (!card.image)
          return this.rest.post(Routes.channelMessages(channel.channelId), {
            body: { ...restBody(m, false), ...once },
          });
        const { embeds, files } = pictureFiles(m.embeds, card);
        return this.rest.post(Routes.channelMessages(channel.channelId), {
          body: { ...restBody({ ...m, embeds }, false), ...once, attachments: files.attachments },
          files: files.raw,
        });
      }),
    );
    return { ref: (message as APIMessage).id };
  }

  async update(channel: ChannelRef, ref: string, card: Card): Promise<void> {
    ids(channel, ref);
    await classified(channel, () =>
      sendCards([card], this.logger, (m) =>
        this.rest.patch(Routes.channelMessage(channel.channelId, ref), { body: restBody(m, true) }),
      ),
    );
  }
}

/**
 * Discord's error codes that trying again will not change: Missing Access (the bot left or was removed from
 * the server), Unknown Channel, Missing Permissions. srm-bot pauses the channel's schedule on them.
 */
const PERMANENT = new Map([
  [50001, "Missing Access"],
  [10003, "Unknown Channel"],
  [50013, "Missing Permissions"],
]);

/** Runs a REST call; a permanent refusal comes back as ChannelUnreachable, anything else as it was. */
async function classified<T>(channel: ChannelRef, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const name = error instanceof DiscordAPIError ? PERMANENT.get(Number(error.code)) : undefined;
    if (error instanceof DiscordAPIError && name)
      throw new ChannelUnreachable(channel, `${error.code} ${name}`, { cause: error });
    throw error;
  }
}
