import type { ChannelRef } from "../domain/channel.js";
import type { DailyRun, DailySchedule } from "../domain/daily.js";
import type { DailyStore } from "../ports/daily-store.js";
import { type RawRun, type RawSchedule, scheduleValues, toRun, toSchedule } from "./daily-rows.js";
import type { Db } from "./database.js";
import { inChannel } from "./keys.js";
import type { Sync } from "./sqlite-gate.js";

const KEY = "platform = ? AND workspace = ? AND channel = ?";

/** Daily schedules, skipped dates and the exactly-once ledger in SQLite. */
export class SqliteDailyStore implements Sync<DailyStore> {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      get: db.prepare(`SELECT * FROM daily_schedules WHERE ${KEY}`),
      enabled: db.prepare("SELECT * FROM daily_schedules WHERE enabled = 1"),
      put: db.prepare(
        "INSERT INTO daily_schedules (platform, workspace, channel, post_time, timezone, days, reveal_time, reveal_after_minutes, paused_until, leaderboard_day, leaderboard_time, enabled, active_from, updated_by) " +
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, workspace, channel) DO UPDATE SET " +
          "post_time = excluded.post_time, timezone = excluded.timezone, days = excluded.days, reveal_time = excluded.reveal_time, " +
          "reveal_after_minutes = excluded.reveal_after_minutes, paused_until = excluded.paused_until, leaderboard_day = excluded.leaderboard_day, " +
          "leaderboard_time = excluded.leaderboard_time, enabled = excluded.enabled, active_from = excluded.active_from, updated_by = excluded.updated_by",
      ),
      pullActiveFrom: db.prepare(
        `UPDATE daily_schedules SET active_from = ? WHERE ${KEY} AND active_from > ?`,
      ),
      addSkip: db.prepare(
        "INSERT OR IGNORE INTO daily_skips (platform, workspace, channel, local_date) VALUES (?, ?, ?, ?)",
      ),
      skips: db.prepare(
        `SELECT local_date AS d FROM daily_skips WHERE ${KEY} AND local_date >= ? ORDER BY local_date`,
      ),
      isSkipped: db.prepare(`SELECT 1 FROM daily_skips WHERE ${KEY} AND local_date = ?`),
      claim: db.prepare(
        "INSERT OR IGNORE INTO daily_runs (platform, workspace, channel, local_date, kind, state, claimed_at) VALUES (?, ?, ?, ?, ?, 'claimed', ?)",
      ),
      skip: db.prepare(
        "INSERT OR IGNORE INTO daily_runs (platform, workspace, channel, local_date, kind, state, claimed_at, done_at, note) VALUES (?, ?, ?, ?, ?, 'skipped', ?, ?, ?)",
      ),
      attach: db.prepare(`UPDATE daily_runs SET round_id = ? WHERE ${KEY} AND local_date = ? AND kind = ?`),
      complete: db.prepare(
        `UPDATE daily_runs SET state = 'done', done_at = ? WHERE ${KEY} AND local_date = ? AND kind = ? AND state = 'claimed'`,
      ),
      run: db.prepare(`SELECT * FROM daily_runs WHERE ${KEY} AND local_date = ? AND kind = ?`),
      unfinished: db.prepare(
        "SELECT * FROM daily_runs WHERE state = 'claimed' AND claimed_at <= ? ORDER BY claimed_at",
      ),
      takeOver: db.prepare(
        `UPDATE daily_runs SET claimed_at = ? WHERE ${KEY} AND local_date = ? AND kind = ? AND state = 'claimed' AND claimed_at <= ?`,
      ),
    };
  }

  /** A channel's schedule, if it has one. */
  get(channel: ChannelRef): DailySchedule | undefined {
    const raw = this.q.get.get(...inChannel(channel)) as RawSchedule | undefined;
    return raw ? toSchedule(raw) : undefined;
  }

  /** Every schedule that is on. */
  enabled(): DailySchedule[] {
    return (this.q.enabled.all() as RawSchedule[]).map(toSchedule);
  }

  /** Creates or replaces a channel's schedule. */
  put(s: DailySchedule): void {
    this.q.put.run(...scheduleValues(s));
  }

  /** Moves a schedule's start back to `to` if it was later (set while the clock ran ahead); false if not. */
  pullActiveFrom(channel: ChannelRef, to: Date): boolean {
    const at = to.toISOString();
    return this.q.pullActiveFrom.run(at, ...inChannel(channel), at).changes === 1;
  }

  /** Marks a local date as skipped for a channel. */
  addSkip(channel: ChannelRef, localDate: string): void {
    this.q.addSkip.run(...inChannel(channel), localDate);
  }

  /** A channel's skipped dates from a local date on. */
  skipsFrom(channel: ChannelRef, localDate: string): string[] {
    return (this.q.skips.all(...inChannel(channel), localDate) as { d: string }[]).map((r) => r.d);
  }

  /** Whether a channel skips a local date. */
  isSkipped(channel: ChannelRef, localDate: string): boolean {
    return this.q.isSkipped.get(...inChannel(channel), localDate) !== undefined;
  }

  /** Claims a run before the platform call; false when another tick or process already has it. */
  claim(channel: ChannelRef, localDate: string, kind: DailyRun["kind"], at: Date): boolean {
    return this.q.claim.run(...inChannel(channel), localDate, kind, at.toISOString()).changes === 1;
  }

  /** Records a run that will not happen (missed while down, beyond the catch-up window). */
  skip(channel: ChannelRef, localDate: string, kind: DailyRun["kind"], at: Date, note: string): boolean {
    const iso = at.toISOString();
    return this.q.skip.run(...inChannel(channel), localDate, kind, iso, iso, note).changes === 1;
  }

  /** Links a claimed post run to the round it opened. */
  attachRound(channel: ChannelRef, localDate: string, roundId: number): void {
    this.q.attach.run(roundId, ...inChannel(channel), localDate, "post");
  }

  /** Completes a claimed run after the platform call. */
  complete(channel: ChannelRef, localDate: string, kind: DailyRun["kind"], at: Date): void {
    this.q.complete.run(at.toISOString(), ...inChannel(channel), localDate, kind);
  }

  /** The ledger row of a run. */
  run(channel: ChannelRef, localDate: string, kind: DailyRun["kind"]): DailyRun | undefined {
    const raw = this.q.run.get(...inChannel(channel), localDate, kind) as RawRun | undefined;
    return raw ? toRun(raw) : undefined;
  }

  /** Runs claimed at or before `before` and never completed: a process stopped between claim and completion. */
  unfinished(before: Date): DailyRun[] {
    return (this.q.unfinished.all(before.toISOString()) as RawRun[]).map(toRun);
  }

  takeOver(channel: ChannelRef, localDate: string, kind: DailyRun["kind"], before: Date, at: Date): boolean {
    const args = [at.toISOString(), ...inChannel(channel), localDate, kind, before.toISOString()];
    return this.q.takeOver.run(...args).changes === 1;
  }
}
