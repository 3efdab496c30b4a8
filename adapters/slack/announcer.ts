import type { webApi } from "@slack/bolt";
import { type Announcer, type ChannelRef, ChannelUnreachable, type PostedMessage } from "../../src/ports.js";
import type { Card } from "../../src/views/card.js";
import { messageFor } from "./blocks.js";
import type { SlackClients } from "./clients.js";
import { WorkspaceNotInstalled } from "./installations.js";
import type { SlackPictures } from "./pictures.js";

/**
 * Posts and updates srm-bot's channel messages with the bot token of the channel's workspace. A 429 is retried by the WebClient
 * after Slack's Retry-After (its rate-limit handling); any other failure is thrown for that one call,
 * so one channel's trouble never holds up another's message.
 */
export class SlackAnnouncer implements Announcer {
  constructor(
    private readonly clients: SlackClients,
    /** Uploads a card's picture (the digest's heat map) so its image block can show it. */
    private readonly pictures?: SlackPictures,
  ) {}

  /** Posts a card with chat.postMessage; the message's `ts` is its reference, `token` goes in its metadata. */
  async post(channel: ChannelRef, card: Card, token?: string): Promise<PostedMessage> {
    const client = await this.clientFor(channel);
    const uploaded =
      card.image && this.pictures
        ? await this.pictures.upload(client, { visibility: "channel", cards: [card] }, channel.workspaceId)
        : undefined;
    const { text, blocks } = messageFor([card], uploaded);
    // Sources are documentation links: unfurled, they would bury the question under previews.
    const result = await classified(channel, () =>
      client.chat.postMessage({
        channel: channel.channelId,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(token ? { metadata: { event_type: METADATA_EVENT, event_payload: { token } } } : {}),
      }),
    );
    if (!result.ts) throw new Error(`chat.postMessage to ${channel.channelId} returned no ts`);
    return { ref: result.ts };
  }

  /** The channel's recent message whose metadata carries `token` (conversations.history), or null. */
  async find(channel: ChannelRef, token: string): Promise<PostedMessage | null> {
    const client = await this.clientFor(channel);
    const result = await classified(channel, () =>
      client.conversations.history({
        channel: channel.channelId,
        limit: HISTORY_SEARCHED,
        include_all_metadata: true,
      }),
    );
    const found = (result.messages ?? []).find(
      (m) =>
        m.metadata?.event_type === METADATA_EVENT &&
        (m.metadata.event_payload as { token?: unknown } | undefined)?.token === token,
    );
    return found?.ts ? { ref: found.ts } : null;
  }

  /** Replaces a posted message's card with chat.update. */
  async update(channel: ChannelRef, ref: string, card: Card): Promise<void> {
    const { text, blocks } = messageFor([card]);
    const client = await this.clientFor(channel);
    await classified(channel, () =>
      client.chat.update({ channel: channel.channelId, ts: ref, text, blocks }),
    );
  }

  private clientFor(channel: ChannelRef): Promise<webApi.WebClient> {
    return clientFor(this.clients, channel);
  }
}

/** The channel's workspace's client; a workspace that uninstalled the app is unreachable, as a revoked token is. */
async function clientFor(clients: SlackClients, channel: ChannelRef): Promise<webApi.WebClient> {
  try {
    return await clients.forTeam(channel.workspaceId);
  } catch (error) {
    if (error instanceof WorkspaceNotInstalled)
      throw new ChannelUnreachable(channel, "not_installed", { cause: error });
    throw error;
  }
}

/** The metadata event type of srm-bot's round messages. */
const METADATA_EVENT = "srm_round";
/** How many of a channel's latest messages are searched for a lost post: it is among the last few. */
const HISTORY_SEARCHED = 100;

/**
 * Slack's errors that trying again will not change: the channel is gone or archived, the bot is not in it,
 * or the workspace took the token away. srm-bot pauses the channel's schedule on them.
 */
const PERMANENT = new Set([
  "channel_not_found",
  "is_archived",
  "not_in_channel",
  "account_inactive",
  "invalid_auth",
  "token_revoked",
  "restricted_action",
  "team_access_not_granted",
]);

/** Runs a Web API call; a permanent refusal comes back as ChannelUnreachable, anything else as it was. */
async function classified<T>(channel: ChannelRef, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    if (typeof code === "string" && PERMANENT.has(code))
      throw new ChannelUnreachable(channel, code, { cause: error });
    throw error;
  }
}
