import type { Announcer, ChannelRef, Logger } from "../ports.js";
import type { Practice } from "../practice/practice.js";
import type { Competitions } from "../quiz/competitions.js";
import type { RoundService } from "../quiz/rounds.js";
import type { Standings } from "../quiz/standings.js";
import type { Competition } from "../store/competition-store.js";
import { competitionEndedCard } from "../views/standings-view.js";
import { ChannelWork, channelKey } from "./channel-work.js";
import type { DailyPlanner } from "./daily-planner.js";

/** What the scheduled work needs. */
export interface ScheduledWorkDeps {
  readonly planner: DailyPlanner;
  readonly rounds: RoundService;
  readonly competitions: Competitions;
  readonly standings: Standings;
  readonly practice: Practice;
  readonly announcer: Announcer;
  readonly logger: Logger;
}

type Step = () => Promise<unknown>;

/**
 * Everything the scheduler does, channel by channel: finishing interrupted posts, daily posts and weekly
 * leaderboards, reveals, competition ends; and the weekly digests on their own. Each channel's work runs
 * independently, so one channel whose platform hangs or refuses never holds up another's.
 */
export class ScheduledWork {
  private readonly work: ChannelWork;

  constructor(private readonly d: ScheduledWorkDeps) {
    this.work = new ChannelWork(d.logger);
  }

  /** Starts everything due now (skipping channels whose earlier work still runs); resolves when it is done. */
  runDue(): Promise<void> {
    const plan = new Map<string, Step[]>();
    const add = (channel: ChannelRef, step: Step) => {
      const key = channelKey(channel);
      if (this.work.busy(key)) return;
      plan.set(key, [...(plan.get(key) ?? []), step]);
    };
    for (const run of this.d.planner.unfinished()) add(run.channel, () => this.d.planner.recover(run));
    for (const s of this.d.planner.schedules()) add(s.channel, () => this.d.planner.runSchedule(s));
    const due = this.d.rounds.dueReveals();
    for (const r of due.unannounced) add(r.channel, () => this.d.rounds.finishReveal(r));
    for (const r of due.toReveal) add(r.channel, () => this.d.rounds.revealOnTime(r));
    // A competition is ended only when its channel is free to announce it now: ending is once only.
    for (const c of this.d.competitions.endDue((c) => !this.work.busy(channelKey(channelOf(c)))))
      add(channelOf(c), () => this.announceEnd(c));
    const started = [...plan].map(([key, steps]) => this.work.start(key, steps));
    started.push(this.work.start("weekly digests", [() => this.sendDigests()]));
    return Promise.all(started).then(() => undefined);
  }

  /** Resolves once all scheduled work running now is done (at shutdown). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  private async announceEnd(c: Competition): Promise<void> {
    try {
      await this.d.announcer.post(channelOf(c), competitionEndedCard(c, this.d.standings.finalStandings(c)));
    } catch (error) {
      this.d.logger.error("announcing the end of a competition failed", {
        competition: c.id,
        error: String(error),
      });
    }
  }

  private async sendDigests(): Promise<void> {
    try {
      await this.d.practice.tick();
    } catch (error) {
      this.d.logger.error("sending weekly digests failed", { error: String(error) });
    }
  }
}

function channelOf(c: Competition): ChannelRef {
  return { platform: c.platform, workspaceId: c.workspace, channelId: c.channel };
}
