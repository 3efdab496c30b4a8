import type { Difficulty } from "./question.js";

/** The platforms a person can reach srm-bot from. */
export type Platform = "terminal" | "slack" | "discord";

/** Where a command was typed. */
export interface ChannelRef {
  readonly platform: Platform;
  readonly workspaceId: string;
  readonly channelId: string;
}

/** A channel as one log field, `platform|workspace|channel`, so an operator can grep a channel's events. */
export function channelKey(c: ChannelRef): string {
  return `${c.platform}|${c.workspaceId}|${c.channelId}`;
}

/** Why and since when a channel's scheduled work is paused. */
export interface ChannelPause {
  readonly reason: string;
  readonly pausedAt: Date;
}

/** A channel's question settings. */
export interface ChannelSettings {
  /** Only these services' questions (null: every service). */
  readonly services: readonly string[] | null;
  readonly difficulty: Difficulty | null;
  /** Whether the first correct answers earn a speed bonus (off by default: rounds stay open for hours). */
  readonly speedBonus: boolean;
  /** How the question of the day is chosen: rotating through the bank, or by what the team has forgotten. */
  readonly pick: "rotation" | "memory";
  /** Whether the channel gets the weekly digest. */
  readonly digest: boolean;
}

/** The settings of a channel that never set any. */
export const DEFAULT_SETTINGS: ChannelSettings = {
  services: null,
  difficulty: null,
  speedBonus: false,
  pick: "rotation",
  digest: false,
};
