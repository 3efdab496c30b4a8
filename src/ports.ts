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
  /** The most asked lookups in a workspace since an instant, most asked first. */
  mostAsked(
    platform: Platform,
    workspaceId: string,
    since: Date,
    limit: number,
  ): { query: string; count: number }[];
}
