import type { Competition } from "../domain/competition.js";
import type { Announcer, ChannelRef, Logger } from "../ports.js";
import type { Practice } from "../practice/practice.js";
import type { Competitions } from "../quiz/competitions.js";
import type { RoundService } from "../quiz/rounds.js";
import type { Standings } from "../quiz/standings.js";
import { competitionEndedCard } from "../views/standings-view.js";
import type { ChannelHealth, ChannelState } from "./channel-health.js";
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
  /** Which channels refused for good (paused) or failed lately (backing off). */
  readonly health: ChannelHealth;
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
  async runDue(): Promise<void> {
    const plan = new Map<string, Step[]>();
    const states = new Map<string, ChannelState["kind"]>();
    const stateOf = async (channel: ChannelRef) => {
      const key = channelKey(channel);
      let state = states.get(key);
      if (!state) {
        state = this.work.busy(key) ? "waiting" : (await this.d.health.state(channel)).kind;
        states.set(key, state);
      }
      return state;
    };
    // A channel backing off after a failure is left alone until its wait is over; a paused one (the platform
    // refused for good) only has its due rounds scored, quietly: no post, no announcement, no new round.
    // A channel another replica serves (a Discord server on another replica's shards) is left to it, before
    // any claim: a claim taken here and then not worked would hold the day until its lease ran out.
    const serves = (channel: ChannelRef) => this.d.announcer.serves?.(channel) ?? true;
    const add = async (channel: ChannelRef, step: Step, whilePaused?: Step) => {
      if (!serves(channel)) return;
      const state = await stateOf(channel);
      // A step in a ready channel runs only while it stays ready: after one failure the rest wait their turn.
      const ifStillReady = async () => {
        if ((await this.d.health.state(channel)).kind === "ready") await step();
      };
      const chosen = state === "ready" ? ifStillReady : state === "paused" ? whilePaused : undefined;
      if (!chosen) return;
      const key = channelKey(channel);
      plan.set(key, [...(plan.get(key) ?? []), chosen]);
    };
    for (const run of await this.d.planner.unfinished())
      await add(run.channel, () => this.d.planner.recover(run));
    for (const s of await this.d.planner.schedules())
      await add(s.channel, () => this.d.planner.runSchedule(s));
    const due = await this.d.rounds.dueReveals();
    for (const r of due.unannounced) await add(r.channel, () => this.d.rounds.finishReveal(r));
    for (const r of due.toReveal)
      await add(
        r.channel,
        () => this.d.rounds.revealOnTime(r),
        async () => this.d.rounds.reveal(r.id),
      );
    // A competition is ended only when its channel can take the announcement now (ending is once only); in a
    // paused channel it ends unannounced.
    const endable = async (c: Competition) =>
      serves(channelOf(c)) && (await stateOf(channelOf(c))) !== "waiting";
    for (const c of await this.d.competitions.endDue(endable))
      await add(
        channelOf(c),
        () => this.announceEnd(c),
        async () =>
          this.d.logger.info("a competition ended in a paused channel, unannounced", { competition: c.id }),
      );
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
      await this.d.announcer.post(
        channelOf(c),
        competitionEndedCard(c, await this.d.standings.finalStandings(c)),
      );
    } catch (error) {
      this.d.logger.error("announcing the end of a competition failed", {
        competition: c.id,
        error,
      });
    }
  }

  private async sendDigests(): Promise<void> {
    try {
      await this.d.practice.tick();
    } catch (error) {
      this.d.logger.error("sending weekly digests failed", { error });
    }
  }
}

function channelOf(c: Competition): ChannelRef {
  return { platform: c.platform, workspaceId: c.workspace, channelId: c.channel };
}
