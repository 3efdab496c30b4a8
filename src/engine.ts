import type { QuestionBank } from "./bank/question-bank.js";
import type { DailyAction, DailyCommands } from "./commands/daily.js";
import { type Intent, parseCommand, USAGE } from "./commands/grammar.js";
import { helpCard } from "./commands/help.js";
import { LookupReplies } from "./commands/lookup-replies.js";
import { applySetting, settingsCard } from "./commands/settings.js";
import { guardStorage } from "./commands/storage-guard.js";
import type { OwnershipLookup } from "./knowledge/lookup.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";
import type { Metrics } from "./metrics.js";
import type { SettingsStore } from "./ports/settings-store.js";
import {
  type Actor,
  type Announcer,
  type ChannelRef,
  type Clock,
  channelKey,
  type Logger,
  type LookupJournal,
  type StorageHealth,
} from "./ports.js";
import type { Practice } from "./practice/practice.js";
import type { Competitions } from "./quiz/competitions.js";
import { CountRefresher } from "./quiz/count-refresher.js";
import { DutyPicks } from "./quiz/duty-picks.js";
import type { Outcome } from "./quiz/failures.js";
import type { RoundService } from "./quiz/rounds.js";
import type { Standings } from "./quiz/standings.js";
import type { ChannelHealth } from "./schedule/channel-health.js";
import type { DailyPlanner } from "./schedule/daily-planner.js";
import { ScheduledWork } from "./schedule/scheduled-work.js";
import { type Card, channelReply, notice, privateReply, type Reply } from "./views/card.js";
import { failureCard } from "./views/messages.js";
import {
  lockedCard,
  parseAnswerActionId,
  privateQuestionCard,
  privateResultCard,
} from "./views/round-view.js";
import {
  competitionEndedCard,
  competitionStartedCard,
  competitionStatusCard,
  leaderboardCard,
  statsCard,
} from "./views/standings-view.js";

/** One `/srm` command as a front end receives it. */
export interface CommandRequest {
  readonly text: string;
  readonly actor: Actor;
  readonly channel: ChannelRef;
}

/** What the engine needs from the outside. */
export interface EngineDeps {
  readonly matrix: OwnershipMatrix;
  readonly lookup: OwnershipLookup;
  readonly journal: LookupJournal;
  readonly bank: QuestionBank;
  readonly rounds: RoundService;
  readonly standings: Standings;
  readonly competitions: Competitions;
  readonly settings: SettingsStore;
  /** Personal practice: memory cards, sessions, the team pick's data and the weekly digest. */
  readonly practice: Practice;
  readonly daily: DailyCommands;
  readonly planner: DailyPlanner;
  readonly announcer: Announcer;
  readonly clock: Clock;
  readonly logger: Logger;
  /** User ids allowed to run admin commands on every platform (SRM_ADMINS). */
  readonly admins: ReadonlySet<string>;
  readonly metrics: Metrics;
  /** The database file's own health (removed, replaced, damaged); absent for an in-memory database. */
  readonly storage?: StorageHealth;
  /** Which channels the platform refused for good or failed in lately. */
  readonly health: ChannelHealth;
}

/** The platform-neutral engine every front end drives: `/srm` text or a button in, a reply model out. */
export class Engine {
  private readonly background = new Set<Promise<void>>();
  private readonly counts: CountRefresher;
  private readonly lookups: LookupReplies;
  private readonly picks: DutyPicks;
  private readonly scheduled: ScheduledWork;

  constructor(private readonly d: EngineDeps) {
    this.picks = new DutyPicks(d.rounds);
    this.scheduled = new ScheduledWork(d);
    this.lookups = new LookupReplies(d.lookup, (result, reply) => d.practice.lookupReply(result, reply));
    this.counts = new CountRefresher(
      (round) => d.rounds.refreshCount(round),
      (work) => {
        this.background.add(work);
        void work.finally(() => this.background.delete(work));
      },
    );
  }

  /** Runs one `/srm` command. Expected failures come back as replies; only bugs throw. */
  async handle(request: CommandRequest): Promise<Reply> {
    return guardStorage(this.d.logger, "command", () => this.handleIntent(request), this.d.storage);
  }

  private async handleIntent(request: CommandRequest): Promise<Reply> {
    const intent = parseCommand(request.text);
    const { actor, channel } = request;
    this.d.metrics.increment("srm_commands_total", { command: intent.kind });
    // The command's name only: what a person typed after it stays out of the log.
    this.d.logger.debug?.("command", { command: commandName(intent), platform: actor.platform });
    switch (intent.kind) {
      case "help":
        return privateReply(helpCard());
      case "lookup":
        return this.lookup(intent.text, request);
      case "quiz":
        return this.quiz(actor, channel);
      case "answer":
        return this.typedAnswer(actor, channel, intent.response);
      case "reveal":
        return this.admin(actor, "reveal", () => this.reveal(channel));
      case "void":
        return this.admin(actor, "void", () => this.voidOpen(actor, channel));
      case "leaderboard":
        return this.outcome(this.d.standings.leaderboard(actor, intent.args), (lb) =>
          privateReply(leaderboardCard(lb)),
        );
      case "stats":
        return this.outcome(this.d.standings.stats(actor, intent.about), (s) =>
          privateReply(
            statsCard(s, this.d.matrix),
            // Memory cards are personal: shown to their owner only.
            ...(intent.about === null ? [this.d.practice.statsCard(actor)] : []),
          ),
        );
      case "competition":
        if (intent.action === "status")
          return this.outcome(this.d.competitions.current(actor), (c) =>
            privateReply(competitionStatusCard(c, this.d.standings.finalStandings(c), this.d.clock.now())),
          );
        return this.admin(actor, `competition ${intent.action}`, () =>
          this.competition(actor, channel, intent),
        );
      case "daily":
        if (intent.action === "status")
          return this.outcome(this.d.daily.status(channel), (c) => privateReply(c));
        return this.admin(actor, `daily ${intent.action}`, async () =>
          this.daily(actor, channel, intent.action, intent.args),
        );
      case "settings":
        if (intent.args.length === 0) return privateReply(settingsCard(this.d.settings.get(channel)));
        return this.admin(actor, "settings", async () => {
          const changed = applySetting(this.d.settings.get(channel), intent.args, this.d.matrix);
          return this.outcome(changed, (s) => {
            this.d.settings.put(channel, s, this.d.clock.now());
            return privateReply(settingsCard(s, "Settings saved for this channel"));
          });
        });
      case "practice":
        return this.d.practice.session(actor, channel, intent.mode, intent.scope);
      case "sure":
        return this.d.practice.sure(actor, intent.confidence);
      case "drill":
        return this.d.practice.drill(actor, channel, intent.text);
      case "pass":
        return this.d.practice.pass(actor, intent.how);
      case "stop":
        return this.d.practice.stop(actor);
      case "usage":
        return privateReply(notice("warning", intent.problem, `Usage: ${intent.usage}`));
    }
  }

  /**
   * Handles a pressed button (its id came back from the platform, so it is validated first). `channel` is
   * where it was pressed; null when the platform named no channel, which no channel's question accepts.
   */
  async press(actionId: string, actor: Actor, channel?: ChannelRef | null): Promise<Reply> {
    return guardStorage(
      this.d.logger,
      "button",
      () => this.pressButton(actionId, actor, channel),
      this.d.storage,
    );
  }

  private async pressButton(actionId: string, actor: Actor, channel?: ChannelRef | null): Promise<Reply> {
    this.d.metrics.increment("srm_commands_total", { command: "button" });
    this.d.logger.debug?.("command", { command: "button", platform: actor.platform });
    const parsed = parseAnswerActionId(actionId);
    if (parsed)
      return this.afterAnswer(
        actor,
        this.d.rounds.answer(
          parsed.roundId,
          actor,
          [parsed.key],
          channel === null ? null : channel?.channelId,
        ),
      );
    const picked = this.picks.press(actionId, actor);
    if (picked?.kind === "card") return privateReply(picked.card);
    if (picked) return this.afterAnswer(actor, this.d.rounds.answer(picked.roundId, actor, picked.response));
    return (
      this.d.practice.press(actionId, actor) ??
      privateReply(notice("warning", "That button is not one of ours", "Use the buttons on a question."))
    );
  }

  /** A person's home: points, streak, rank and what to practise next (Slack's App Home tab). */
  home(actor: Actor): Card[] {
    const stats = this.d.standings.stats(actor, null);
    if (!stats.ok) return [failureCard(stats.failure)];
    const weakest = stats.value.weakest.areas[0] ?? stats.value.weakest.services[0];
    const next = weakest
      ? `Your weakest spot so far is ${this.d.matrix.area(weakest.id)?.name ?? this.d.matrix.service(weakest.id)?.name ?? weakest.id}: try /srm quiz, or look it up with /srm ${weakest.id}.`
      : "Answer a few questions (/srm quiz) and this shows what to practise next.";
    // What is due comes first: it is the practice that pays off most today.
    const practise = `${this.d.practice.homeLine(actor)} ${next}`.trim();
    return [statsCard(stats.value, this.d.matrix), notice("neutral", "Practise next", practise), helpCard()];
  }

  /** Runs everything due now (posts, reveals, competition ends, digests), each channel on its own; resolves when done. */
  async tick(): Promise<void> {
    await this.scheduled.runDue();
  }

  /**
   * The scheduler's tick: starts everything due now without waiting for it, so a channel whose platform
   * hangs holds up no later tick; that channel is skipped until its work is done.
   */
  startDue(): void {
    void this.scheduled.runDue();
  }

  /** Resolves once the scheduled work running now is done (at shutdown, after the scheduler stops). */
  async settle(): Promise<void> {
    await this.scheduled.idle();
  }

  /** Resolves once the engine's background work (message updates) is done. */
  async idle(): Promise<void> {
    while (this.background.size > 0) {
      this.counts.hurry();
      await Promise.all([...this.background]);
    }
    this.d.journal.flush();
  }

  private lookup(text: string, request: CommandRequest): Reply {
    const { summary, reply } = this.lookups.answer(text);
    this.d.metrics.increment("srm_lookups_total", { status: summary.status });
    this.d.journal.record({
      channel: request.channel,
      status: summary.status,
      serviceId: summary.service?.id ?? null,
      areaId: summary.area?.id ?? null,
      owner: summary.owner,
      at: this.d.clock.now(),
    });
    return reply;
  }

  private quiz(actor: Actor, channel: ChannelRef): Reply {
    return this.outcome(this.d.rounds.openQuizRound(actor, channel), (round) =>
      privateReply(privateQuestionCard(round)),
    );
  }

  private async typedAnswer(actor: Actor, channel: ChannelRef, response: readonly string[]): Promise<Reply> {
    // A person's own /srm quiz question comes first; otherwise the channel's question of the day.
    const target = this.d.rounds.openPrivateFor(actor) ?? this.d.rounds.openInChannel(channel);
    if (!target) return privateReply(failureCard({ code: "NoOpenRound" }));
    return this.afterAnswer(actor, this.d.rounds.answer(target.id, actor, response));
  }

  private afterAnswer(actor: Actor, result: ReturnType<RoundService["answer"]>): Reply {
    this.d.metrics.increment("srm_answers_total", { outcome: result.ok ? "locked" : result.failure.code });
    if (!result.ok) return privateReply(failureCard(result.failure));
    const { round, answer } = result.value;
    if (round.kind === "private") {
      const revealed = this.d.rounds.reveal(round.id);
      const mine = revealed?.answers.find((a) => a.id === answer.id) ?? answer;
      const shown = revealed?.round ?? round;
      return privateReply(
        privateResultCard(shown, mine),
        // How sure? after a right answer, and the next question of a running practice.
        ...this.d.practice.afterPrivateAnswer(actor, shown, mine),
      );
    }
    this.counts.soon(round);
    return privateReply(lockedCard(round.question, answer.response));
  }

  private async reveal(channel: ChannelRef): Promise<Reply> {
    const open = this.d.rounds.openInChannel(channel);
    if (!open) return privateReply(failureCard({ code: "NoOpenRound" }));
    await this.idle();
    const revealed = await this.d.rounds.closeAndReveal(open.id);
    if (!revealed) return privateReply(notice("neutral", "That question was already revealed"));
    if (revealed.announceFailure !== null)
      return privateReply(
        notice(
          "warning",
          "Revealed, but the channel could not be told",
          `${revealed.answers.length} answered and their points are saved, but the platform refused the reveal: ${revealed.announceFailure}. srm-bot tries again shortly; /srm leaderboard shows the points meanwhile.`,
        ),
      );
    return privateReply(
      notice(
        "success",
        "Revealed",
        `${revealed.answers.length} answered; the answer and the points are in the channel.`,
      ),
    );
  }

  private async voidOpen(actor: Actor, channel: ChannelRef): Promise<Reply> {
    const open = this.d.rounds.openInChannel(channel);
    if (!open) return privateReply(failureCard({ code: "NoOpenRound" }));
    // Pending count updates land first, so none can put the question back over the withdrawal.
    await this.idle();
    return this.outcome(await this.d.rounds.voidRound(open.id, actor), (voided) =>
      privateReply(
        notice(
          "success",
          "Withdrawn",
          `Round ${voided.round.id} is closed without points (${voided.answers} answered); the channel sees that it was withdrawn, not its answer, and the question may be asked again later.`,
        ),
      ),
    );
  }

  private async daily(
    actor: Actor,
    channel: ChannelRef,
    action: DailyAction,
    args: readonly string[],
  ): Promise<Reply> {
    if (action === "now") return this.dailyNow(channel);
    const done = this.d.daily.run(actor, channel, action, args);
    if (done.ok && action !== "status")
      this.d.logger.info("changed the daily schedule", {
        channel: channelKey(channel),
        change: `daily ${action}`,
      });
    return this.outcome(done, (c) => privateReply(c));
  }

  private async dailyNow(channel: ChannelRef): Promise<Reply> {
    const opened = await this.d.rounds.openChannelRound(channel);
    return this.outcome(opened, ({ round, postFailure }) =>
      privateReply(
        postFailure === null
          ? notice(
              "success",
              "Posted a question in this channel",
              `Reveal it with /srm reveal (round ${round.id}).`,
            )
          : notice(
              "warning",
              "The question could not be posted in this channel",
              `The platform said: ${postFailure}. Invite the bot to this channel and try again; the question (round ${round.id}) is open meanwhile and /srm reveal closes it.`,
            ),
      ),
    );
  }

  private async competition(
    actor: Actor,
    channel: ChannelRef,
    intent: { action: "start" | "end" | "status"; args: string },
  ): Promise<Reply> {
    if (intent.action === "start") {
      if (intent.args.trim() === "")
        return privateReply(
          notice("warning", "Give the competition a name and a length", `Usage: ${USAGE.competition}`),
        );
      return this.outcome(this.d.competitions.start(actor, channel, intent.args), (c) =>
        channelReply(competitionStartedCard(c)),
      );
    }
    return this.outcome(this.d.competitions.endNow(actor), (c) =>
      channelReply(competitionEndedCard(c, this.d.standings.finalStandings(c))),
    );
  }

  private async admin(actor: Actor, command: string, run: () => Promise<Reply>): Promise<Reply> {
    const admin =
      this.d.admins.has(actor.userId) ||
      (actor.confirmAdmin ? await actor.confirmAdmin() : actor.platformAdmin);
    if (!admin) return privateReply(failureCard({ code: "NotAdmin", command }));
    return run();
  }

  private outcome<T>(o: Outcome<T>, render: (value: T) => Reply): Reply {
    return o.ok ? render(o.value) : privateReply(failureCard(o.failure));
  }
}

/** A card for an unexpected failure, shown once at an adapter's boundary. */
export const internalErrorCard: Card = notice(
  "warning",
  "Something went wrong on our side",
  "Nothing you had answered was lost. The error was logged; please try again.",
);

/** A command's name for the log, e.g. "daily set"; never its arguments, which are what a person typed. */
function commandName(intent: Intent): string {
  return intent.kind === "daily" || intent.kind === "competition"
    ? `${intent.kind} ${intent.action}`
    : intent.kind;
}
