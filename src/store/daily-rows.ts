import type { Platform } from "../domain/channel.js";
import type { DailyRun, DailySchedule, Weekday } from "../domain/daily.js";
import { inChannel } from "./keys.js";

/** A daily schedule's row as both engines return it. */
export interface RawSchedule {
  platform: string;
  workspace: string;
  channel: string;
  post_time: string;
  timezone: string;
  days: string;
  reveal_time: string | null;
  reveal_after_minutes: number | null;
  paused_until: string | null;
  leaderboard_day: string | null;
  leaderboard_time: string | null;
  enabled: number;
  active_from: string;
  updated_by: string;
}

/** A daily run's ledger row as both engines return it. */
export interface RawRun {
  platform: string;
  workspace: string;
  channel: string;
  local_date: string;
  kind: "post" | "leaderboard";
  state: "claimed" | "done" | "skipped";
  round_id: number | null;
  claimed_at: string;
}

/** The values of a schedule's row, in column order from `platform` to `updated_by`. */
export function scheduleValues(s: DailySchedule) {
  return [
    ...inChannel(s.channel),
    s.postTime,
    s.timeZone,
    s.days.join(","),
    "at" in s.reveal ? s.reveal.at : null,
    "afterMinutes" in s.reveal ? s.reveal.afterMinutes : null,
    s.pausedUntil,
    s.leaderboard?.day ?? null,
    s.leaderboard?.time ?? null,
    s.enabled ? 1 : 0,
    s.activeFrom.toISOString(),
    s.updatedBy,
  ];
}

/** A schedule from its row. */
export function toSchedule(r: RawSchedule): DailySchedule {
  return {
    channel: { platform: r.platform as Platform, workspaceId: r.workspace, channelId: r.channel },
    postTime: r.post_time,
    timeZone: r.timezone,
    days: r.days.split(",") as Weekday[],
    reveal:
      r.reveal_time !== null ? { at: r.reveal_time } : { afterMinutes: r.reveal_after_minutes as number },
    pausedUntil: r.paused_until,
    leaderboard:
      r.leaderboard_day && r.leaderboard_time
        ? { day: r.leaderboard_day as Weekday, time: r.leaderboard_time }
        : null,
    enabled: r.enabled === 1,
    activeFrom: new Date(r.active_from),
    updatedBy: r.updated_by,
  };
}

/** A run from its ledger row. */
export function toRun(r: RawRun): DailyRun {
  return {
    channel: { platform: r.platform as Platform, workspaceId: r.workspace, channelId: r.channel },
    localDate: r.local_date,
    kind: r.kind,
    state: r.state,
    roundId: r.round_id,
    claimedAt: new Date(r.claimed_at),
  };
}
