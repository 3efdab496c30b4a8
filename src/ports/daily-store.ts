import type { ChannelRef } from "../domain/channel.js";
import type { DailyRun, DailySchedule } from "../domain/daily.js";

/** Daily schedules, skipped dates and the exactly-once ledger, stored. */
export interface DailyStore {
  /** A channel's schedule, if it has one. */
  get(channel: ChannelRef): Promise<DailySchedule | undefined>;
  /** Every schedule that is on. */
  enabled(): Promise<DailySchedule[]>;
  /** Creates or replaces a channel's schedule. */
  put(s: DailySchedule): Promise<void>;
  /** Moves a schedule's start back to `to` if it was later (set while the clock ran ahead); false if not. */
  pullActiveFrom(channel: ChannelRef, to: Date): Promise<boolean>;
  /** Marks a local date as skipped for a channel. */
  addSkip(channel: ChannelRef, localDate: string): Promise<void>;
  /** A channel's skipped dates from a local date on. */
  skipsFrom(channel: ChannelRef, localDate: string): Promise<string[]>;
  /** Whether a channel skips a local date. */
  isSkipped(channel: ChannelRef, localDate: string): Promise<boolean>;
  /** Claims a run before the platform call; false when another tick or process already has it. */
  claim(channel: ChannelRef, localDate: string, kind: DailyRun["kind"], at: Date): Promise<boolean>;
  /** Records a run that will not happen (missed while down, beyond the catch-up window). */
  skip(
    channel: ChannelRef,
    localDate: string,
    kind: DailyRun["kind"],
    at: Date,
    note: string,
  ): Promise<boolean>;
  /** Links a claimed post run to the round it opened. */
  attachRound(channel: ChannelRef, localDate: string, roundId: number): Promise<void>;
  /** Completes a claimed run after the platform call. */
  complete(channel: ChannelRef, localDate: string, kind: DailyRun["kind"], at: Date): Promise<void>;
  /** The ledger row of a run. */
  run(channel: ChannelRef, localDate: string, kind: DailyRun["kind"]): Promise<DailyRun | undefined>;
  /** Runs claimed at or before `before` and never completed: a process stopped between claim and completion. */
  unfinished(before: Date): Promise<DailyRun[]>;
  /**
   * Takes an unfinished run (still claimed, claimed at or before `before`) for this process by renewing its
   * claim at `at`: one statement, so of several processes asking at once one gets it. False when another
   * process took it first or it was completed meanwhile.
   */
  takeOver(
    channel: ChannelRef,
    localDate: string,
    kind: DailyRun["kind"],
    before: Date,
    at: Date,
  ): Promise<boolean>;
}
