import type { ChannelRef } from "./channel.js";

/** The weekdays, Monday first, as stored and typed. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A weekday as stored. */
export type Weekday = (typeof WEEKDAYS)[number];

/** When a daily question is revealed: at a local time, or minutes after the post. */
type StoredReveal = { readonly at: string } | { readonly afterMinutes: number };

/** A channel's daily question schedule. */
export interface DailySchedule {
  readonly channel: ChannelRef;
  readonly postTime: string;
  readonly timeZone: string;
  readonly days: readonly Weekday[];
  readonly reveal: StoredReveal;
  readonly pausedUntil: string | null;
  readonly leaderboard: { readonly day: Weekday; readonly time: string } | null;
  readonly enabled: boolean;
  readonly activeFrom: Date;
  readonly updatedBy: string;
}

/** A row of the exactly-once ledger. */
export interface DailyRun {
  readonly channel: ChannelRef;
  readonly localDate: string;
  readonly kind: "post" | "leaderboard";
  readonly state: "claimed" | "done" | "skipped";
  readonly roundId: number | null;
  readonly claimedAt: Date;
}
