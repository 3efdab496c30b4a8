import type { Actor, Announcer, Clock, Logger } from "../ports.js";
import type { RoundService } from "../quiz/rounds.js";
import type { Standings } from "../quiz/standings.js";
import type { DailyRun, DailySchedule, DailyStore } from "../store/daily-store.js";
import type { RoundStore } from "../store/round-store.js";
import { leaderboardCard } from "../views/standings-view.js";
import { addDays, instantOf, localParts, weekdayOf } from "./local-time.js";

/** What the daily planner needs. */
export interface DailyPlannerDeps {
  readonly store: DailyStore;
  readonly rounds: RoundService;
  readonly roundStore: RoundStore;
  readonly standings: Standings;
  readonly announcer: Announcer;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How late a missed post may still be made (SRM_CATCHUP_MINUTES). */
  readonly catchUpMinutes: number;
}

/** How long a claimed run may stay unfinished before another process takes it for a crash. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** The next post and reveal of a schedule, as instants. */
export interface NextRun {
  readonly localDate: string;
  readonly postAt: Date;
  readonly revealAt: Date;
}

/** The instant a round posted at `postAt` on `localDate` is revealed. */
export function revealInstant(s: DailySchedule, localDate: string, postAt: Date): Date {
  if ("afterMinutes" in s.reveal) return new Date(postAt.getTime() + s.reveal.afterMinutes * 60_000);
  const sameDay = instantOf(localDate, s.reveal.at, s.timeZone);
  return sameDay > postAt ? sameDay : instantOf(addDays(localDate, 1), s.reveal.at, s.timeZone);
}

/** Whether a schedule posts on a local date (its day, not skipped, not paused). */
export function postsOn(s: DailySchedule, localDate: string, skipped: (date: string) => boolean): boolean {
  return (
    s.days.includes(weekdayOf(localDate)) &&
    !skipped(localDate) &&
    (s.pausedUntil === null || localDate >= s.pausedUntil)
  );
}

/**
 * Posts each channel's daily question, exactly once per local date: the day is claimed in the ledger in the
 * same transaction that opens the round, before the platform call, and completed after it.
 */
export class DailyPlanner {
  constructor(private readonly d: DailyPlannerDeps) {}

  /** Does everything due now: finishes interrupted posts, posts due questions, posts weekly leaderboards. */
  async runDue(): Promise<void> {
    for (const run of this.unfinished()) await this.recover(run);
    for (const s of this.d.store.enabled()) await this.runSchedule(s);
  }

  /** Every schedule that is on: the scheduler runs each channel's on its own. */
  schedules(): DailySchedule[] {
    return this.d.store.enabled();
  }

  /** Posts a channel's due question and weekly leaderboard; a failure is logged, never thrown. */
  async runSchedule(s: DailySchedule): Promise<void> {
    try {
      await this.postIfDue(s);
      await this.leaderboardIfDue(s);
    } catch (error) {
      // One channel's failure never stops the others.
      this.d.logger.error("a daily post failed", { channel: s.channel.channelId, error: String(error) });
    }
  }

  /** Posts claimed longer ago than the lease and never completed: a process stopped in between. */
  unfinished(): DailyRun[] {
    return this.d.store.unfinished(new Date(this.d.clock.now().getTime() - CLAIM_LEASE_MS));
  }

  /** The next post of a schedule (a missed one still within the catch-up window counts), within two weeks. */
  next(s: DailySchedule): NextRun | null {
    const now = this.d.clock.now();
    const today = localParts(now, s.timeZone).date;
    for (let i = -1; i <= 14; i++) {
      const date = addDays(today, i);
      if (!postsOn(s, date, (d) => this.d.store.isSkipped(s.channel, d))) continue;
      if (this.d.store.run(s.channel, date, "post")) continue;
      const postAt = instantOf(date, s.postTime, s.timeZone);
      if (postAt < s.activeFrom || now.getTime() - postAt.getTime() > this.d.catchUpMinutes * 60_000)
        continue;
      return { localDate: date, postAt, revealAt: revealInstant(s, date, postAt) };
    }
    return null;
  }

  private async postIfDue(s: DailySchedule): Promise<void> {
    const now = this.d.clock.now();
    const today = localParts(now, s.timeZone).date;
    for (const date of [addDays(today, -1), today]) {
      if (!postsOn(s, date, (d) => this.d.store.isSkipped(s.channel, d))) continue;
      const postAt = instantOf(date, s.postTime, s.timeZone);
      if (postAt > now || postAt < s.activeFrom || this.d.store.run(s.channel, date, "post")) continue;
      const late = now.getTime() - postAt.getTime();
      if (late > this.d.catchUpMinutes * 60_000) {
        if (this.d.store.skip(s.channel, date, "post", now, `missed by ${Math.round(late / 60_000)} minutes`))
          this.d.logger.warn("a daily post was missed while the bot was down and is skipped", {
            channel: s.channel.channelId,
            date,
            minutesLate: Math.round(late / 60_000),
          });
        continue;
      }
      await this.post(s, date, postAt);
    }
  }

  private async post(s: DailySchedule, date: string, postAt: Date): Promise<void> {
    const open = this.d.roundStore.openInChannel(s.channel);
    if (open) {
      // Yesterday's question is still open (its reveal was later than today's post): reveal it first.
      this.d.logger.info("revealing the previous question before posting the next", { round: open.id });
      await this.d.rounds.closeAndReveal(open.id);
    }
    const now = this.d.clock.now();
    const planned = revealInstant(s, date, postAt);
    const closesAt = new Date(Math.max(planned.getTime(), now.getTime() + 15 * 60_000));
    const round = this.d.store.transaction(() => {
      if (!this.d.store.claim(s.channel, date, "post", now)) return null;
      const prepared = this.d.rounds.prepareChannelRound(s.channel, closesAt);
      if (!prepared.ok) {
        this.d.logger.warn("no daily question could be opened", {
          channel: s.channel.channelId,
          why: prepared.failure.code,
        });
        return null;
      }
      this.d.store.attachRound(s.channel, date, prepared.value.id);
      return prepared.value;
    });
    if (!round) return;
    await this.d.rounds.postRound(round);
    this.d.store.complete(s.channel, date, "post", this.d.clock.now());
  }

  /** Finishes a post whose process stopped between claiming the day and hearing back from the platform. */
  async recover(run: DailyRun): Promise<void> {
    const round = run.roundId === null ? undefined : this.d.roundStore.get(run.roundId);
    if (round && round.status === "open" && round.messageRef === null) {
      this.d.logger.warn("posting a daily question whose post was interrupted", { round: round.id });
      await this.d.rounds.recoverPost(round);
    }
    this.d.store.complete(run.channel, run.localDate, run.kind, this.d.clock.now());
  }

  private async leaderboardIfDue(s: DailySchedule): Promise<void> {
    if (!s.leaderboard) return;
    const now = this.d.clock.now();
    const today = localParts(now, s.timeZone).date;
    if (weekdayOf(today) !== s.leaderboard.day) return;
    const at = instantOf(today, s.leaderboard.time, s.timeZone);
    if (at > now || at < s.activeFrom) return;
    if (!this.d.store.claim(s.channel, today, "leaderboard", now)) return;
    const reader: Actor = {
      platform: s.channel.platform,
      workspaceId: s.channel.workspaceId,
      userId: "",
      displayName: "",
      platformAdmin: false,
    };
    const board = this.d.standings.leaderboard(reader, ["week"]);
    if (board.ok) {
      try {
        await this.d.announcer.post(s.channel, leaderboardCard(board.value));
      } catch (error) {
        this.d.logger.error("posting the weekly leaderboard failed", {
          channel: s.channel.channelId,
          error: String(error),
        });
      }
    }
    this.d.store.complete(s.channel, today, "leaderboard", this.d.clock.now());
  }
}
