import type { DailyRun, DailySchedule } from "../domain/daily.js";
import type { RoundRow } from "../domain/round.js";
import type { Transactions } from "../ports/async.js";
import type { DailyStore } from "../ports/daily-store.js";
import type { RoundStore } from "../ports/round-store.js";
import { type Actor, type Announcer, type Clock, channelKey, type Logger } from "../ports.js";
import type { RoundService } from "../quiz/rounds.js";
import type { Standings } from "../quiz/standings.js";
import { leaderboardCard } from "../views/standings-view.js";
import { MIN_REVEAL_MINUTES } from "./daily-spec.js";
import { addDays, dateExists, instantOf, isKnownTimeZone, localParts, weekdayOf } from "./local-time.js";

/** What the daily planner needs. */
export interface DailyPlannerDeps {
  /** Transactions across the stores of the same database. */
  readonly transactions: Transactions;
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

/** The instant a schedule posts on a local date, or null on a date that never happens in its time zone. */
export function postInstant(s: DailySchedule, localDate: string): Date | null {
  const postAt = instantOf(localDate, s.postTime, s.timeZone);
  // Only a post time that reads back as another date can belong to a date that never happened.
  if (localParts(postAt, s.timeZone).date === localDate || dateExists(localDate, s.timeZone)) return postAt;
  return null;
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
  /** Channels whose stored time zone was reported unknown, with the zone: said once, not at every tick. */
  private readonly unknownZones = new Set<string>();

  constructor(private readonly d: DailyPlannerDeps) {}

  /** Does everything due now: finishes interrupted posts, posts due questions, posts weekly leaderboards. */
  async runDue(): Promise<void> {
    for (const run of await this.unfinished()) await this.recover(run);
    for (const s of await this.d.store.enabled()) await this.runSchedule(s);
  }

  /** Every schedule that is on: the scheduler runs each channel's on its own. */
  async schedules(): Promise<DailySchedule[]> {
    return await this.d.store.enabled();
  }

  /**
   * Posts a channel's due question and weekly leaderboard; a failure is logged, never thrown. A schedule
   * whose time zone is unknown here posts nothing (and says so once).
   */
  async runSchedule(stored: DailySchedule): Promise<void> {
    if (!this.zoneKnown(stored)) return;
    try {
      const s = await this.sinceClockMovedBack(stored);
      await this.postIfDue(s);
      await this.leaderboardIfDue(s);
    } catch (error) {
      // One channel's failure never stops the others.
      this.d.logger.error("a daily post failed", { channel: stored.channel.channelId, error });
    }
  }

  /** Posts claimed longer ago than the lease and never completed: a process stopped in between. */
  async unfinished(): Promise<DailyRun[]> {
    return await this.d.store.unfinished(new Date(this.d.clock.now().getTime() - CLAIM_LEASE_MS));
  }

  /** The channel's open question of the day, if any, with its real reveal time. */
  async openRound(s: DailySchedule): Promise<RoundRow | undefined> {
    return await this.d.roundStore.openInChannel(s.channel);
  }

  /** The next post of a schedule (a missed one still within the catch-up window counts), within two weeks. */
  async next(schedule: DailySchedule): Promise<NextRun | null> {
    if (!isKnownTimeZone(schedule.timeZone)) return null;
    const now = this.d.clock.now();
    const s = schedule.activeFrom > now ? { ...schedule, activeFrom: now } : schedule;
    const today = localParts(now, s.timeZone).date;
    const skipped = new Set(await this.d.store.skipsFrom(s.channel, addDays(today, -1)));
    for (let i = -1; i <= 14; i++) {
      const date = addDays(today, i);
      if (!postsOn(s, date, (d) => skipped.has(d))) continue;
      if (await this.d.store.run(s.channel, date, "post")) continue;
      const postAt = postInstant(s, date);
      if (
        !postAt ||
        postAt < s.activeFrom ||
        now.getTime() - postAt.getTime() > this.d.catchUpMinutes * 60_000
      )
        continue;
      return { localDate: date, postAt, revealAt: revealInstant(s, date, postAt) };
    }
    return null;
  }

  /**
   * The schedule as it stands now. One set while the clock ran ahead starts in what is now the future, and
   * would stay silent until the clock caught up: it starts from now instead, and the store remembers that.
   */
  private async sinceClockMovedBack(s: DailySchedule): Promise<DailySchedule> {
    const now = this.d.clock.now();
    if (s.activeFrom <= now) return s;
    if (await this.d.store.pullActiveFrom(s.channel, now))
      this.d.logger.warn("the clock moved back since a daily schedule was set; it starts from now", {
        channel: s.channel.channelId,
        setFor: s.activeFrom.toISOString(),
        now: now.toISOString(),
      });
    return { ...s, activeFrom: now };
  }

  /** Whether the schedule's time zone is known here; an unknown one is logged once per channel and zone. */
  private zoneKnown(s: DailySchedule): boolean {
    if (isKnownTimeZone(s.timeZone)) return true;
    const key = `${s.channel.platform}|${s.channel.workspaceId}|${s.channel.channelId}|${s.timeZone}`;
    if (!this.unknownZones.has(key)) {
      this.unknownZones.add(key);
      this.d.logger.error(
        "a channel's stored time zone is unknown; its daily question waits until it is set again",
        {
          channel: s.channel.channelId,
          timeZone: s.timeZone,
        },
      );
    }
    return false;
  }

  private async postIfDue(s: DailySchedule): Promise<void> {
    const now = this.d.clock.now();
    const today = localParts(now, s.timeZone).date;
    const due: { date: string; postAt: Date }[] = [];
    const skipped = new Set(await this.d.store.skipsFrom(s.channel, addDays(today, -1)));
    for (const date of [addDays(today, -1), today]) {
      if (!postsOn(s, date, (d) => skipped.has(d))) continue;
      const postAt = postInstant(s, date);
      if (
        !postAt ||
        postAt > now ||
        postAt < s.activeFrom ||
        (await this.d.store.run(s.channel, date, "post"))
      )
        continue;
      const late = now.getTime() - postAt.getTime();
      if (late > this.d.catchUpMinutes * 60_000) {
        if (
          await this.d.store.skip(
            s.channel,
            date,
            "post",
            now,
            `missed by ${Math.round(late / 60_000)} minutes`,
          )
        )
          this.d.logger.warn("a daily post was missed while the bot was down and is skipped", {
            channel: s.channel.channelId,
            date,
            minutesLate: Math.round(late / 60_000),
          });
        continue;
      }
      due.push({ date, postAt });
    }
    // Two days due at once (a long catch-up window): the later one is posted, so the earlier is not revealed
    // the moment it opens.
    const latest = due.pop();
    for (const earlier of due)
      if (await this.d.store.skip(s.channel, earlier.date, "post", now, `superseded by ${latest?.date}`))
        this.d.logger.info("a missed daily post gives way to a later one due now", {
          channel: s.channel.channelId,
          date: earlier.date,
        });
    if (latest) await this.post(s, latest.date, latest.postAt);
  }

  private async post(s: DailySchedule, date: string, postAt: Date): Promise<void> {
    const open = await this.d.roundStore.openInChannel(s.channel);
    if (open) {
      // Yesterday's question is still open (its reveal was later than today's post): reveal it first.
      this.d.logger.info("revealing the previous question before posting the next", { round: open.id });
      await this.d.rounds.closeAndReveal(open.id);
    }
    const now = this.d.clock.now();
    // A reveal some time after the post counts from the post actually made, so a late post is open its full
    // time; a post made late (catching up after downtime) still stays open the minimum time.
    const planned = revealInstant(s, date, "afterMinutes" in s.reveal ? now : postAt);
    const closesAt = new Date(Math.max(planned.getTime(), now.getTime() + MIN_REVEAL_MINUTES * 60_000));
    const round = await this.d.transactions.run(async () => {
      if (!(await this.d.store.claim(s.channel, date, "post", now))) return null;
      const prepared = await this.d.rounds.prepareChannelRound(s.channel, closesAt);
      if (!prepared.ok) {
        this.d.logger.warn("no daily question could be opened", {
          channel: s.channel.channelId,
          why: prepared.failure.code,
        });
        return null;
      }
      await this.d.store.attachRound(s.channel, date, prepared.value.id);
      return prepared.value;
    });
    if (!round) return;
    await this.d.rounds.postRound(round);
    await this.d.store.complete(s.channel, date, "post", this.d.clock.now());
  }

  /** Finishes a post whose process stopped between claiming the day and hearing back from the platform. */
  async recover(run: DailyRun): Promise<void> {
    // Taken first, so of several replicas finding the same run one finishes it; the others leave it.
    const now = this.d.clock.now();
    const lapsed = new Date(now.getTime() - CLAIM_LEASE_MS);
    if (!(await this.d.store.takeOver(run.channel, run.localDate, run.kind, lapsed, now))) return;
    const round = run.roundId === null ? undefined : await this.d.roundStore.get(run.roundId);
    if (round && round.status === "open" && round.messageRef === null) {
      this.d.logger.warn("posting a daily question whose post was interrupted", { round: round.id });
      await this.d.rounds.recoverPost(round);
    }
    await this.d.store.complete(run.channel, run.localDate, run.kind, this.d.clock.now());
  }

  private async leaderboardIfDue(s: DailySchedule): Promise<void> {
    if (!s.leaderboard) return;
    const now = this.d.clock.now();
    const today = localParts(now, s.timeZone).date;
    if (weekdayOf(today) !== s.leaderboard.day) return;
    const at = instantOf(today, s.leaderboard.time, s.timeZone);
    if (at > now || at < s.activeFrom) return;
    if (!(await this.d.store.claim(s.channel, today, "leaderboard", now))) return;
    const reader: Actor = {
      platform: s.channel.platform,
      workspaceId: s.channel.workspaceId,
      userId: "",
      displayName: "",
      platformAdmin: false,
    };
    const board = await this.d.standings.leaderboard(reader, ["week"]);
    if (board.ok) {
      try {
        await this.d.announcer.post(s.channel, leaderboardCard(board.value));
        this.d.logger.info("posted the weekly leaderboard", { channel: channelKey(s.channel) });
      } catch (error) {
        this.d.logger.error("posting the weekly leaderboard failed", {
          channel: s.channel.channelId,
          error,
        });
      }
    }
    await this.d.store.complete(s.channel, today, "leaderboard", this.d.clock.now());
  }
}
