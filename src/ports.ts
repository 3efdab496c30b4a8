import type { ChannelRef, Platform } from "./domain/channel.js";
import type { AskedCell } from "./domain/matrix.js";
import type { Card } from "./views/card.js";

// The channel types and AskedCell are domain entities; they are re-exported here because every front end already imports them from the ports.
export { type ChannelRef, channelKey, type Platform } from "./domain/channel.js";
export type { AskedCell } from "./domain/matrix.js";
// The Announcer's message, so that a use case that posts names the port's type rather than the views.
export type { Card } from "./views/card.js";

// The stores' ports live beside this file in src/ports/, one file per store: use cases import those
// interfaces, src/store/ implements them for SQLite and main.ts wires the two, so a second store
// (PostgreSQL) implements the same files and no use case imports src/store/.

/** The person behind a command, as the front end knows them. */
export interface Actor {
  readonly platform: Platform;
  /** Slack team id, Discord guild id, or "local" for the terminal. */
  readonly workspaceId: string;
  readonly userId: string;
  readonly displayName: string;
  /** Whether the platform itself says this person administers the workspace. */
  readonly platformAdmin: boolean;
  /**
   * Asks the platform afresh whether this person administers the workspace, for a front end whose
   * `platformAdmin` may be remembered from earlier: admin commands ask it, so a demotion counts at once.
   */
  readonly confirmAdmin?: () => Promise<boolean>;
}

/** The time, injected so that tests and schedules need no waiting. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** One recorded lookup: where and what it recognised, never the words typed nor who typed them. */
export interface LookupRecord {
  readonly channel: ChannelRef;
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
  flush(): Promise<void>;
  /** The recognised cells looked up most in a workspace since an instant, most asked first. */
  mostAsked(platform: Platform, workspaceId: string, since: Date, limit: number): Promise<AskedCell[]>;
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
  /**
   * Whether this process does a channel's scheduled work: a replica running a slice of Discord's shards
   * serves only the servers on them. Absent: every channel. The database's claims still keep each post once.
   */
  serves?(channel: ChannelRef): boolean;
}

/**
 * Where the engine logs what went wrong outside a person's request. A failure goes in the `error` field
 * as the thrown value itself (never its text): the logger writes its name, message, stack and causes.
 */
export interface Logger {
  /** Something worth knowing. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something failed and was handled. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** Something failed that an operator should look at. */
  error(message: string, fields?: Record<string, unknown>): void;
  /** Detail for tracing a problem (each command's name); off unless LOG_LEVEL=debug. */
  debug?(message: string, fields?: Record<string, unknown>): void;
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

/** Why the database can no longer be trusted with an answer. */
export interface StorageProblem {
  /** replaced: the file was removed or swapped under the bot; damaged: SQLite found it corrupt. */
  readonly kind: "replaced" | "damaged";
  /** What happened, for the log. */
  readonly detail: string;
}

/** What the engine asks of the database file itself, beyond its tables. */
export interface StorageHealth {
  /** The problem that stops the database recording anything, checked afresh; null while it is sound. */
  problem(): StorageProblem | null;
  /** Told of each storage failure's SQLite code, so a damaged file is remembered as a problem. */
  failed(code: string): void;
}

/** Platform deliveries already handled, so that a retried or replayed one is dropped. */
export interface DeliveryLog {
  /** True the first time a delivery key is offered within the replay window; false for every repeat. */
  firstTime(key: string): Promise<boolean>;
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
