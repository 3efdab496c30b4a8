import { type APIMessage, type APIUser, MessageFlags, MessageType } from "discord.js";
import { snowflake } from "./snowflake.js";

type Json = Record<string, unknown>;

/** The messages the fake Discord holds: channel posts and interaction responses, with every version. */
export class MessageStore {
  /** Every message by id, at its latest version. */
  readonly latest = new Map<string, APIMessage>();
  /** Every version of each message, oldest first. */
  readonly history = new Map<string, APIMessage[]>();

  constructor(
    private readonly bot: APIUser,
    private readonly applicationId: string,
  ) {}

  /** Creates a message from a body, as the bot (through its application's webhook for interaction responses). */
  create(channelId: string, body: Json, viaWebhook: boolean): APIMessage {
    const message: APIMessage = {
      id: snowflake(),
      channel_id: channelId,
      author: this.bot,
      content: typeof body.content === "string" ? body.content : "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: (body.attachments ?? []) as APIMessage["attachments"],
      embeds: (body.embeds ?? []) as APIMessage["embeds"],
      components: (body.components ?? []) as NonNullable<APIMessage["components"]>,
      pinned: false,
      type: viaWebhook ? MessageType.ChatInputCommand : MessageType.Default,
      flags: Number(body.flags ?? 0),
      ...(viaWebhook ? { webhook_id: this.applicationId, application_id: this.applicationId } : {}),
    };
    this.keep(message);
    return message;
  }

  /** Applies an edit body to a message: only the fields present change. */
  edit(current: APIMessage, body: Json): APIMessage {
    const next: APIMessage = {
      ...current,
      ...("content" in body ? { content: String(body.content ?? "") } : {}),
      ...("embeds" in body ? { embeds: (body.embeds ?? []) as APIMessage["embeds"] } : {}),
      ...("attachments" in body
        ? { attachments: (body.attachments ?? []) as APIMessage["attachments"] }
        : {}),
      ...("components" in body
        ? { components: (body.components ?? []) as NonNullable<APIMessage["components"]> }
        : {}),
      // An edit of a deferred response ends its loading state.
      flags: (current.flags ?? 0) & ~MessageFlags.Loading,
      edited_timestamp: new Date().toISOString(),
    };
    this.keep(next);
    return next;
  }

  private keep(message: APIMessage): void {
    this.latest.set(message.id, message);
    const versions = this.history.get(message.id) ?? [];
    versions.push(message);
    this.history.set(message.id, versions);
  }
}
