import type { QuestionBank } from "./bank/question-bank.js";
import type { ArgValues, EngineSteps } from "./commands/command.js";
import type { DailyCommands } from "./commands/daily.js";
import type { ForgetReplies } from "./commands/forget-replies.js";
import { helpCard } from "./commands/help.js";
import { REGISTRY } from "./commands/index.js";
import type { ExamReplies, FlagReplies } from "./commands/learning-replies.js";
import { LookupReplies } from "./commands/lookup-replies.js";
import { type CommandIndex, check, type Invocation } from "./commands/read.js";
import { guardStorage } from "./commands/storage-guard.js";
import { cmd, joinText, say } from "./domain/text.js";
import type { OwnershipLookup } from "./knowledge/lookup.js";
import type { OwnershipMatrix } from "./knowledge/matrix.js";
import type { Metrics } from "./metrics.js";
import type { SettingsStore } from "./ports/settings-store.js";
import type { Actor, Announcer, ChannelRef, Clock, Logger, LookupJournal, StorageHealth } from "./ports.js";
import type { Practice } from "./practice/practice.js";
import type { Competitions } from "./quiz/competitions.js";
import { CountRefresher } from "./quiz/count-refresher.js";
import { DutyPicks } from "./quiz/duty-picks.js";
import type { RoundService } from "./quiz/rounds.js";
import type { Standings } from "./quiz/standings.js";
import type { ChannelHealth } from "./schedule/channel-health.js";
import type { DailyPlanner } from "./schedule/daily-planner.js";
import { ScheduledWork } from "./schedule/scheduled-work.js";
import { type Card, notice, privateReply, type Reply } from "./views/card.js";
import { failureCard } from "./views/messages.js";
import { lockedCard, parseAnswerActionId, privateResultCard } from "./views/round-view.js";
import { statsCard } from "./views/standings-view.js";

/** One `/srm` command typed as text, as a front end receives it. */
export interface CommandRequest {
  readonly text: string;
  readonly actor: Actor;
  readonly channel: ChannelRef;
}

/** One command chosen with typed arguments (Discord's slash commands), by its name in the registry. */
export interface TypedCommandRequest {
  readonly command: string;
  readonly args: ArgValues;
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
  /** Private mock exams and flags on questions, as the exam, flag and flags commands reply. */
  readonly exams: ExamReplies;
  readonly flags: FlagReplies;
  /** `/srm forget me`: a person's data deleted once they confirm. */
  readonly forget: ForgetReplies;
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

/** The platform-neutral engine every front end drives: a command or a button in, a reply model out. */
export class Engine {
  private readonly background = new Set<Promise<void>>();
  private readonly counts: CountRefresher;
  private readonly lookups: LookupReplies;
  private readonly picks: DutyPicks;
  private readonly scheduled: ScheduledWork;
  private readonly steps: EngineSteps;
  /** Every command front ends can run. */
  readonly commands: CommandIndex;

  constructor(private readonly d: EngineDeps) {
    this.commands = REGISTRY;
    this.picks = new DutyPicks(d.rounds);
    this.scheduled = new ScheduledWork(d);
    this.lookups = new LookupReplies(d.lookup, (result, reply) => d.practice.lookupReply(result, reply));
    this.counts = new CountRefresher(
      (round) => d.rounds.refreshCount(round),
      (work) => this.inBackground(work),
    );
    this.steps = {
      afterAnswer: (actor, result) => this.afterAnswer(actor, result),
      idle: () => this.idle(),
      lookup: (text, channel) => this.lookup(text, channel),
    };
  }

  /** Runs one `/srm` command typed as text (terminal, Slack). Expected failures come back as replies; only bugs throw. */
  async handle(request: CommandRequest): Promise<Reply> {
    return guardStorage(
      this.d.logger,
      "command",
      () => this.run(this.commands.read(request.text), request),
      this.d.storage,
    );
  }

  /** Runs one command chosen with typed arguments (Discord's slash commands), checked by the same rules as text. */
  async execute(request: TypedCommandRequest): Promise<Reply> {
    const command = this.commands.byName(request.command);
    if (!command) return privateReply(failureCard({ code: "UnknownCommand" }));
    return guardStorage(
      this.d.logger,
      "command",
      () => this.run(check(command, request.args), request),
      this.d.storage,
    );
  }

  /** Whether a person may run admin commands: SRM_ADMINS, or the platform says so (asked afresh where it can). */
  async isAdmin(actor: Actor): Promise<boolean> {
    if (this.d.admins.has(actor.userId)) return true;
    return actor.confirmAdmin ? actor.confirmAdmin() : actor.platformAdmin;
  }

  private async run(invocation: Invocation, where: { actor: Actor; channel: ChannelRef }): Promise<Reply> {
    const { actor, channel } = where;
    if (!invocation.ok) {
      this.d.metrics.increment("srm_commands_total", { command: "usage" });
      return privateReply(
        failureCard({ code: "BadUsage", problem: invocation.problem, usage: invocation.usage }),
      );
    }
    const { command, args } = invocation;
    this.d.metrics.increment("srm_commands_total", { command: command.name });
    // The command's name only: what a person typed after it stays out of the log.
    this.d.logger.debug?.("command", { command: command.name, platform: actor.platform });
    const adminOnly = typeof command.admin === "function" ? command.admin(args) : command.admin === true;
    if (adminOnly && !(await this.isAdmin(actor)))
      return privateReply(failureCard({ code: "NotAdmin", command: command.name }));
    return command.run({ actor, channel, deps: this.d, steps: this.steps, commands: this.commands }, args);
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
        await this.d.rounds.answer(
          parsed.roundId,
          actor,
          [parsed.key],
          channel === null ? null : channel?.channelId,
        ),
      );
    const picked = await this.picks.press(actionId, actor);
    if (picked?.kind === "card") return privateReply(picked.card);
    if (picked)
      return this.afterAnswer(actor, await this.d.rounds.answer(picked.roundId, actor, picked.response));
    return (
      (await this.d.practice.press(actionId, actor)) ??
      privateReply(notice("warning", "That button is not one of ours", "Use the buttons on a question."))
    );
  }

  /** A person's home: points, streak, rank, what to practise next and the commands (Slack's App Home tab). */
  async home(actor: Actor): Promise<Card[]> {
    const stats = await this.d.standings.stats(actor, null);
    if (!stats.ok) return [failureCard(stats.failure)];
    const weakest = stats.value.weakest.areas[0] ?? stats.value.weakest.services[0];
    const next = weakest
      ? say`Your weakest spot so far is ${this.d.matrix.area(weakest.id)?.name ?? this.d.matrix.service(weakest.id)?.name ?? weakest.id}: try ${cmd("quiz")}, or look it up with ${cmd("lookup", { service: weakest.id })}.`
      : say`Answer a few questions (${cmd("quiz")}) and this shows what to practise next.`;
    // What is due comes first: it is the practice that pays off most today.
    const practise = joinText([await this.d.practice.homeLine(actor), next]);
    return [
      statsCard(stats.value, this.d.matrix),
      notice("neutral", "Practise next", practise),
      helpCard(this.commands, this.d.matrix, actor.platform),
    ];
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
    await this.d.journal.flush();
  }

  /** Keeps a promise of background work until it settles, so `idle` can wait for it. */
  private inBackground(work: Promise<void>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  private lookup(text: string, channel: ChannelRef): Reply {
    const { summary, reply } = this.lookups.answer(text);
    this.d.metrics.increment("srm_lookups_total", { status: summary.status });
    this.d.journal.record({
      channel,
      status: summary.status,
      serviceId: summary.service?.id ?? null,
      areaId: summary.area?.id ?? null,
      owner: summary.owner,
      at: this.d.clock.now(),
    });
    return reply;
  }

  private async afterAnswer(
    actor: Actor,
    result: Awaited<ReturnType<RoundService["answer"]>>,
  ): Promise<Reply> {
    this.d.metrics.increment("srm_answers_total", { outcome: result.ok ? "locked" : result.failure.code });
    if (!result.ok) return privateReply(failureCard(result.failure));
    const { round, answer } = result.value;
    if (round.kind === "private") {
      const revealed = await this.d.rounds.reveal(round.id);
      const mine = revealed?.answers.find((a) => a.id === answer.id) ?? answer;
      const shown = revealed?.round ?? round;
      return privateReply(
        privateResultCard(shown, mine),
        // How sure? after a right answer, and the next question of a running practice.
        ...(await this.d.practice.afterPrivateAnswer(actor, shown, mine)),
      );
    }
    this.counts.soon(round);
    return privateReply(lockedCard(round.question, answer.response));
  }
}

/** A card for an unexpected failure, shown once at an adapter's boundary. */
export const internalErrorCard: Card = notice(
  "warning",
  "Something went wrong on our side",
  "Nothing you had answered was lost. The error was logged; please try again.",
);
