import type { Card } from "./views/card.js";

/** The platforms a person can reach srm-bot from. */
export type Platform = "terminal" | "slack" | "discord";

/** The person behind a command, as the front end knows them. */
export interface Actor {
  readonly platform: Platform;
  /** Slack team id, Discord guild id, or "local" for the terminal. */
  readonly workspaceId: string;
  readonly userId: string;
  readonly displayName: string;
  /** Whether the platform itself says this person administers the workspace. */
  readonly platformAdmin: boolean;
}

/** Where a command was typed. */
export interface ChannelRef {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly channelId: string;
}

/** The time, injected so that tests and schedules need no waiting. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** One recorded lookup. */
export interface LookupRecord {
  readonly actor: Actor;
  readonly channel: ChannelRef;
  readonly query: string;
  readonly status: "answer" | "overview" | "clarify" | "unknown";
  readonly serviceId: string | null;
  readonly areaId: string | null;
  readonly owner: string | null;
  readonly at: Date;
}

/** Where lookups are written for later stats. */
export interface LookupJournal {
  /** Records one lookup. */
  record(entry: LookupRecord): void;
  /** Writes every record still buffered. */
  flush(): void;
  /** The most asked lookups in a workspace since an instant, most asked first. */
  mostAsked(
    platform: Platform,
    workspaceId: string,
    since: Date,
    limit: number,
  ): { query: string; count: number }[];
}

/** A card posted into a channel, and the platform's reference to it. */
export interface PostedMessage {
  readonly ref: string;
}

/** How the engine speaks in channels: posting rounds and announcements, and updating them. */
export interface Announcer {
  /**
   * Posts a card into a channel; resolves to the platform's reference of the message. `token` marks the
   * message so that `find` can recover it when the platform took the post but its answer was lost.
   */
  post(channel: ChannelRef, card: Card, token?: string): Promise<PostedMessage>;
  /** The channel's recent message posted with `token`, or null (also when the platform cannot search). */
  find?(channel: ChannelRef, token: string): Promise<PostedMessage | null>;
  /** Replaces the card of a posted message. */
  update(channel: ChannelRef, ref: string, card: Card): Promise<void>;
}

/** Where the engine logs what went wrong outside a person's request. */
export interface Logger {
  /** Something worth knowing. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something failed and was handled. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Something failed that an operator should look at. */
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A front end on a chat platform: it drives the engine and speaks in its platform's channels. */
export interface FrontEnd {
  readonly platform: Platform;
  /** Posts and updates messages in this platform's channels. */
  readonly announcer: Announcer;
  /** Connects and starts taking commands; resolves once ready. */
  start(): Promise<void>;
  /** Stops taking commands, lets those in flight finish, and closes connections. */
  stop(): Promise<void>;
  /** Whether it is connected and taking commands now (for /readyz). */
  ready?(): boolean;
}

/**
 * A platform's refusal to speak in a channel that trying again will not change: the bot was removed, the
 * channel archived or deleted, a permission taken away. Front ends throw it; the scheduler pauses the channel.
 */
export class ChannelUnreachable extends Error {
  constructor(
    readonly channel: ChannelRef,
    /** The platform's code, as an operator would search for it (channel_not_found, 50001 Missing Access). */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`the platform refuses srm-bot in channel ${channel.channelId}: ${reason}`, options);
    this.name = "ChannelUnreachable";
  }
}
