import type { ChannelRef } from "../../domain/channel.js";
import type { DailyRun, DailySchedule } from "../../domain/daily.js";
import type { DailyStore } from "../../ports/daily-store.js";
import { type RawRun, type RawSchedule, scheduleValues, toRun, toSchedule } from "../daily-rows.js";
import { inChannel } from "../keys.js";
import type { PgDb } from "./db.js";

const KEY = "platform = $1 AND workspace = $2 AND channel = $3";
/** Identifiers in byte order, as SQLite sorts them, whatever collation the database was created with. */
const BY_CHANNEL = 'platform COLLATE "C", workspace COLLATE "C", channel COLLATE "C"';
const RUN_COLUMNS = "platform, workspace, channel, local_date, kind, state, round_id, claimed_at";

const PUT =
  "INSERT INTO daily_schedules (platform, workspace, channel, post_time, timezone, days, reveal_time, reveal_after_minutes, paused_until, leaderboard_day, leaderboard_time, enabled, active_from, updated_by) " +
  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (platform, workspace, channel) DO UPDATE SET " +
  "post_time = excluded.post_time, timezone = excluded.timezone, days = excluded.days, reveal_time = excluded.reveal_time, " +
  "reveal_after_minutes = excluded.reveal_after_minutes, paused_until = excluded.paused_until, leaderboard_day = excluded.leaderboard_day, " +
  "leaderboard_time = excluded.leaderboard_time, enabled = excluded.enabled, active_from = excluded.active_from, updated_by = excluded.updated_by";

/**
 * Takes over runs a stopped replica left claimed: the rows are locked with SKIP LOCKED, so replicas asking at
 * once each get different runs, and their lease starts again at `$2`, so no replica asking within the next
 * lease gets them again. The old claim time is returned, as the ledger had it.
 */
const UNFINISHED =
  `SELECT ${RUN_COLUMNS} FROM daily_runs WHERE state = 'claimed' AND claimed_at <= $1 ` +
  "ORDER BY claimed_at, platform, workspace, channel, local_date, kind";

/**
 * Daily schedules, skipped dates and the exactly-once ledger in PostgreSQL, shared by every replica: a run is
 * claimed by the one INSERT that adds its ledger row, and a stopped replica's unfinished run is taken over
 * by one replica only.
 */
export class PgDailyStore implements DailyStore {
  constructor(private readonly db: PgDb) {}

  /** A channel's schedule, if it has one. */
  async get(channel: ChannelRef): Promise<DailySchedule | undefined> {
    const raw = await this.db.one<RawSchedule>(
      `SELECT * FROM daily_schedules WHERE ${KEY}`,
      inChannel(channel),
    );
    return raw ? toSchedule(raw) : undefined;
  }

  /** Every schedule that is on. */
  async enabled(): Promise<DailySchedule[]> {
    const rows = await this.db.rows<RawSchedule>(
      `SELECT * FROM daily_schedules WHERE enabled = 1 ORDER BY ${BY_CHANNEL}`,
    );
    return rows.map(toSchedule);
  }

  /** Creates or replaces a channel's schedule. */
  async put(s: DailySchedule): Promise<void> {
    await this.db.run(PUT, scheduleValues(s));
  }

  /** Moves a schedule's start back to `to` if it was later (set while the clock ran ahead); false if not. */
  async pullActiveFrom(channel: ChannelRef, to: Date): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE daily_schedules SET active_from = $4 WHERE ${KEY} AND active_from > $4`,
      [...inChannel(channel), to.toISOString()],
    );
    return changed === 1;
  }

  /** Marks a local date as skipped for a channel. */
  async addSkip(channel: ChannelRef, localDate: string): Promise<void> {
    await this.db.run(
      "INSERT INTO daily_skips (platform, workspace, channel, local_date) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
      [...inChannel(channel), localDate],
    );
  }

  /** A channel's skipped dates from a local date on. */
  async skipsFrom(channel: ChannelRef, localDate: string): Promise<string[]> {
    const rows = await this.db.rows<{ d: string }>(
      `SELECT local_date AS d FROM daily_skips WHERE ${KEY} AND local_date >= $4 ORDER BY local_date COLLATE "C"`,
      [...inChannel(channel), localDate],
    );
    return rows.map((r) => r.d);
  }

  /** Whether a channel skips a local date. */
  async isSkipped(channel: ChannelRef, localDate: string): Promise<boolean> {
    const row = await this.db.one(`SELECT 1 FROM daily_skips WHERE ${KEY} AND local_date = $4`, [
      ...inChannel(channel),
      localDate,
    ]);
    return row !== undefined;
  }

  /** Claims a run before the platform call; false when another tick or process already has it. */
  async claim(channel: ChannelRef, localDate: string, kind: DailyRun["kind"], at: Date): Promise<boolean> {
    // One statement decides: of replicas inserting the same run at once, exactly one adds the row.
    const added = await this.db.run(
      "INSERT INTO daily_runs (platform, workspace, channel, local_date, kind, state, claimed_at) " +
        "VALUES ($1, $2, $3, $4, $5, 'claimed', $6) ON CONFLICT DO NOTHING",
      [...inChannel(channel), localDate, kind, at.toISOString()],
    );
    return added === 1;
  }

  /** Records a run that will not happen (missed while down, beyond the catch-up window). */
  async skip(
    channel: ChannelRef,
    localDate: string,
    kind: DailyRun["kind"],
    at: Date,
    note: string,
  ): Promise<boolean> {
    const added = await this.db.run(
      "INSERT INTO daily_runs (platform, workspace, channel, local_date, kind, state, claimed_at, done_at, note) " +
        "VALUES ($1, $2, $3, $4, $5, 'skipped', $6, $6, $7) ON CONFLICT DO NOTHING",
      [...inChannel(channel), localDate, kind, at.toISOString(), note],
    );
    return added === 1;
  }

  /** Links a claimed post run to the round it opened. */
  async attachRound(channel: ChannelRef, localDate: string, roundId: number): Promise<void> {
    await this.db.run(`UPDATE daily_runs SET round_id = $6 WHERE ${KEY} AND local_date = $4 AND kind = $5`, [
      ...inChannel(channel),
      localDate,
      "post",
      roundId,
    ]);
  }

  /** Completes a claimed run after the platform call. */
  async complete(channel: ChannelRef, localDate: string, kind: DailyRun["kind"], at: Date): Promise<void> {
    await this.db.run(
      `UPDATE daily_runs SET state = 'done', done_at = $6 WHERE ${KEY} AND local_date = $4 AND kind = $5 AND state = 'claimed'`,
      [...inChannel(channel), localDate, kind, at.toISOString()],
    );
  }

  /** The ledger row of a run. */
  async run(channel: ChannelRef, localDate: string, kind: DailyRun["kind"]): Promise<DailyRun | undefined> {
    const raw = await this.db.one<RawRun>(
      `SELECT ${RUN_COLUMNS} FROM daily_runs WHERE ${KEY} AND local_date = $4 AND kind = $5`,
      [...inChannel(channel), localDate, kind],
    );
    return raw ? toRun(raw) : undefined;
  }

  /** Runs claimed at or before `before` and never completed: a process stopped between claim and completion. */
  async unfinished(before: Date): Promise<DailyRun[]> {
    return (await this.db.rows<RawRun>(UNFINISHED, [before.toISOString()])).map(toRun);
  }

  /** The row lock decides between replicas: a second one re-reads the renewed claim and changes nothing. */
  async takeOver(
    channel: ChannelRef,
    localDate: string,
    kind: DailyRun["kind"],
    before: Date,
    at: Date,
  ): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE daily_runs SET claimed_at = $6 WHERE ${KEY} AND local_date = $4 AND kind = $5 AND state = 'claimed' AND claimed_at <= $7`,
      [...inChannel(channel), localDate, kind, at.toISOString(), before.toISOString()],
    );
    return changed === 1;
  }
}
