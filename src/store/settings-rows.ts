import type { ChannelRef, ChannelSettings } from "../domain/channel.js";
import type { Difficulty } from "../domain/question.js";
import { inChannel } from "./keys.js";

/**
 * A channel's settings row as both engines return it, but for the speed bonus: SQLite's query names that
 * column `speedBonus` and PostgreSQL's `speed_bonus` (PostgreSQL folds an unquoted alias to lower case).
 */
export interface RawSettings {
  services: string | null;
  difficulty: Difficulty | null;
  pick: ChannelSettings["pick"];
  digest: number;
}

/** The values of a channel's settings row, in column order from `platform` to `digest_since`. */
export function settingsValues(channel: ChannelRef, s: ChannelSettings, at: Date) {
  return [
    ...inChannel(channel),
    s.services ? JSON.stringify(s.services) : null,
    s.difficulty,
    s.speedBonus ? 1 : 0,
    s.pick,
    s.digest ? 1 : 0,
    s.digest ? at.toISOString() : null,
  ];
}

/** A channel's settings from its row and its speed bonus column. */
export function toSettings(raw: RawSettings, speedBonus: number): ChannelSettings {
  return {
    services: raw.services ? (JSON.parse(raw.services) as string[]) : null,
    difficulty: raw.difficulty,
    speedBonus: speedBonus === 1,
    pick: raw.pick,
    digest: raw.digest === 1,
  };
}
