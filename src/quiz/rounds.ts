import type { AskHistory, QuestionBank, QuestionFilter } from "../bank/question-bank.js";
import { ChannelRoundOpen, fail, type Outcome, ok } from "../domain/failure.js";
import {
  DONT_KNOW,
  grade,
  normalizeResponse,
  type Question,
  responseLabel,
  responseProblem,
} from "../domain/question.js";
import type { AnswerRow, RoundRow } from "../domain/round.js";
import { basePoints, periodsOf, speedBonus, streakBonus } from "../domain/scoring.js";
import type { Metrics } from "../metrics.js";
import type { Transactions } from "../ports/async.js";
import type { CompetitionStore } from "../ports/competition-store.js";
import type { RoundCards } from "../ports/round-cards.js";
import type { RoundStore } from "../ports/round-store.js";
import type { ScoreStore } from "../ports/score-store.js";
import type { SettingsStore } from "../ports/settings-store.js";
import {
  type Actor,
  type Announcer,
  type ChannelRef,
  type Clock,
  channelKey,
  type Logger,
  type Platform,
} from "../ports.js";
import { askedCount, quizSlot, shown } from "./asking.js";

/** What the round use cases need. */
export interface RoundDeps {
  readonly rounds: RoundStore;
  /** Transactions across the stores of the same database. */
  readonly transactions: Transactions;
  readonly scores: ScoreStore;
  readonly competitions: CompetitionStore;
  readonly settings: SettingsStore;
  readonly bank: QuestionBank;
  readonly clock: Clock;
  readonly announcer: Announcer;
  /** The cards a round posts to its channel. */
  readonly cards: RoundCards;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Told about every reveal, so each answer updates the answerer's memory cards. */
  readonly reveals?: RevealListener;
  /** Picks the question of the day for channels whose setting is `pick memory`. */
  readonly picker?: QuestionPicker;
  /** The questions a workspace holds out of rotation (flagged by several people, unresolved). */
  readonly heldOut?: (platform: Platform, workspace: string) => Promise<ReadonlySet<string>>;
}

/** Told about every revealed round: channel rounds at their reveal, private ones at once. */
export interface RevealListener {
  /** Called once per round, after its reveal is saved. */
  revealed(round: RoundRow, answers: readonly AnswerRow[]): Promise<void>;
}

/** Chooses a channel's question of the day by what its members are most likely to have forgotten. */
export interface QuestionPicker {
  /** The question to ask, or null to fall back to rotation. */
  pick(
    channel: ChannelRef,
    filter: QuestionFilter,
    history: AskHistory,
    seed: string,
  ): Promise<Question | null>;
}

/** The result of an accepted answer. */
export interface AnswerAccepted {
  readonly round: RoundRow;
  readonly answer: AnswerRow;
}

/** How many recent questions rotation looks back over. */
const HISTORY_WINDOW = 10;

/** Opening, answering, closing and revealing rounds. */
export class RoundService {
  constructor(private readonly d: RoundDeps) {}

  /** Opens a round in a channel with the next question and posts it; refuses while one is open. */
  async openChannelRound(
    channel: ChannelRef,
    closesAt: Date | null = null,
  ): Promise<Outcome<{ round: RoundRow; postFailure: string | null }>> {
    const prepared = await this.prepareChannelRound(channel, closesAt);
    if (!prepared.ok) return prepared;
    const postFailure = await this.postRound(prepared.value);
    return ok({ round: (await this.d.rounds.get(prepared.value.id)) as RoundRow, postFailure });
  }

  /**
   * Chooses the channel's next question and stores the open round, without posting it, so a
   * caller can do it inside its own transaction (the daily ledger claims the day in the same one).
   */
  async prepareChannelRound(channel: ChannelRef, closesAt: Date | null): Promise<Outcome<RoundRow>> {
    if (await this.d.rounds.openInChannel(channel)) return fail({ code: "RoundAlreadyOpen" });
    const settings = await this.d.settings.get(channel);
    const filter: QuestionFilter = {
      services: settings.services,
      difficulty: settings.difficulty,
      types: ["single"],
    };
    const history = await this.d.rounds.history(channel, "channel", null, HISTORY_WINDOW);
    const seed = `${channel.platform}:${channel.workspaceId}:${channel.channelId}`;
    const held = await this.heldOut(channel);
    const picked =
      settings.pick === "memory"
        ? ((await this.d.picker?.pick(channel, filter, history, seed)) ?? null)
        : null;
    const question =
      (picked && !held?.has(picked.id) ? picked : null) ??
      this.d.bank.next(this.inRotation(this.d.bank.scenarios, held), filter, history, seed) ??
      this.d.bank.next(this.inRotation(this.d.bank.drills, held), filter, history, seed);
    if (!question) return fail({ code: "NoQuestions" });
    const now = this.d.clock.now();
    try {
      const id = await this.d.rounds.open({
        channel,
        kind: "channel",
        player: null,
        // One order for everyone in the channel, so the reveal's split of letters reads right.
        ...shown(question, `${seed}:${askedCount(history)}:${now.toISOString()}`),
        speedBonus: settings.speedBonus,
        competitionId: await this.activeCompetitionId(channel, now),
        openedAt: now,
        closesAt,
      });
      this.d.metrics.increment("srm_rounds_total", { event: "opened", kind: "channel" });
      return ok((await this.d.rounds.get(id)) as RoundRow);
    } catch (error) {
      // Another process opened one between the check and the insert: the unique index decided.
      if (error instanceof ChannelRoundOpen) return fail({ code: "RoundAlreadyOpen" });
      throw error;
    }
  }

  /** Posts (or re-posts) an open round's message and remembers its reference; returns why it failed, or null. */
  async postRound(round: RoundRow): Promise<string | null> {
    try {
      const posted = await this.d.announcer.post(
        round.channel,
        this.d.cards.open(round, 0),
        postToken(round),
      );
      await this.d.rounds.setMessageRef(round.id, posted.ref);
      this.d.logger.info("posted a question", { channel: channelKey(round.channel), round: round.id });
      return null;
    } catch (error) {
      this.d.logger.error("posting a round failed; the round stays open", {
        round: round.id,
        error,
      });
      return error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * Posts a round whose earlier post may have reached the channel with its answer lost (a process killed
   * while waiting): the message is looked for first, so the channel never gets the question twice.
   */
  async recoverPost(round: RoundRow): Promise<string | null> {
    if (await this.findPosted(round)) return null;
    return await this.postRound(round);
  }

  /** The reference of a round's message the platform took but srm-bot never heard about; saved when found. */
  private async findPosted(round: RoundRow): Promise<string | null> {
    if (!this.d.announcer.find) return null;
    try {
      const found = await this.d.announcer.find(round.channel, postToken(round));
      if (!found) return null;
      await this.d.rounds.setMessageRef(round.id, found.ref);
      this.d.logger.info("found a round's message whose post was interrupted", { round: round.id });
      return found.ref;
    } catch (error) {
      this.d.logger.warn("could not look for a round's earlier message; posting it", {
        round: round.id,
        error,
      });
      return null;
    }
  }

  /** Opens the next /srm quiz question for one person, by the quiz's mix of kinds; nothing is posted. */
  async openQuizRound(actor: Actor, channel: ChannelRef): Promise<Outcome<RoundRow>> {
    const history = await this.d.rounds.history(channel, "private", actor.userId, HISTORY_WINDOW);
    const slot = quizSlot(history);
    const held = await this.heldOut(channel);
    const scenarios = this.inRotation(this.d.bank.scenarios, held);
    const drills = this.inRotation(this.d.bank.drills, held);
    const opened =
      slot === "drill"
        ? await this.openPrivateRound(actor, channel, drills)
        : await this.openPrivateRound(actor, channel, scenarios, [slot]);
    // A bank without that kind (a trimmed content folder) still gets a question.
    if (!opened.ok && opened.failure.code === "NoQuestions")
      return await this.openPrivateRound(actor, channel, [...scenarios, ...drills]);
    return opened;
  }

  /** Opens a private round for one person from a pool (a person's open one comes first); nothing is posted. */
  async openPrivateRound(
    actor: Actor,
    channel: ChannelRef,
    pool: readonly Question[],
    types: readonly Question["type"][] = ["single", "multi", "split"],
  ): Promise<Outcome<RoundRow>> {
    const open = await this.d.rounds.openForPlayer(actor.platform, actor.workspaceId, actor.userId);
    if (open) return ok(open);
    const history = await this.d.rounds.history(channel, "private", actor.userId, HISTORY_WINDOW);
    const filter: QuestionFilter = { services: null, difficulty: null, types };
    const seed = `${actor.platform}:${actor.userId}`;
    const question = this.d.bank.next(pool, filter, history, seed);
    if (!question) return fail({ code: "NoQuestions" });
    const now = this.d.clock.now();
    const id = await this.d.rounds.open({
      channel,
      kind: "private",
      player: actor.userId,
      // Shuffled for this person and this ask; stored with the round, so the answer is judged as shown.
      ...shown(question, `${seed}:${askedCount(history)}:${now.toISOString()}`),
      speedBonus: false,
      competitionId: null,
      openedAt: now,
      closesAt: null,
    });
    return ok((await this.d.rounds.get(id)) as RoundRow);
  }

  /**
   * Locks one person's answer. Refuses answers to rounds of another workspace or person, to closed
   * rounds, malformed answers and second answers (the first stands). `pressedIn` is the channel a button
   * was pressed in (null: a click that named none), absent for a typed answer.
   */
  async answer(
    roundId: number,
    actor: Actor,
    raw: readonly string[],
    pressedIn?: string | null,
  ): Promise<Outcome<AnswerAccepted>> {
    const round = await this.d.rounds.get(roundId);
    if (
      !round ||
      round.channel.platform !== actor.platform ||
      round.channel.workspaceId !== actor.workspaceId ||
      // A button of a channel's question is only honoured in that channel (a forged id names another).
      (round.kind === "channel" && pressedIn !== undefined && pressedIn !== round.channel.channelId)
    )
      return fail({ code: "RoundNotFound" });
    if (round.kind === "private" && round.player !== actor.userId) return fail({ code: "NotYourRound" });
    const now = this.d.clock.now();
    const existing = await this.d.rounds.answerOf(roundId, actor.userId);
    if (existing) return alreadyAnswered(round.question, existing);
    if (round.status !== "open" || (round.closesAt && round.closesAt <= now))
      return fail({ code: "RoundClosed" });
    const response = normalizeResponse(round.question, raw);
    const problem = responseProblem(round.question, response);
    if (problem) return fail({ code: "InvalidResponse", problem });
    const g = grade(round.question, response);
    const { stored, answer } = await this.d.rounds.recordAnswer({
      roundId,
      userId: actor.userId,
      displayName: actor.displayName,
      response,
      rightParts: g.rightParts,
      totalParts: g.totalParts,
      correct: g.correct,
      answeredAt: now,
    });
    // Closed by a reveal (perhaps in another process) since the round was read: the person is told so.
    if (answer === null) return fail({ code: "RoundClosed" });
    if (!stored) return alreadyAnswered(round.question, answer);
    return ok({ round, answer });
  }

  /**
   * Ends a person's open private question without an answer: `dontKnow` records an empty answer, counted
   * as wrong (the cards it tests become misses); otherwise it is skipped and no card changes. Revealed at
   * once, as every private answer is.
   */
  async pass(
    roundId: number,
    actor: Actor,
    dontKnow: boolean,
  ): Promise<Outcome<{ round: RoundRow; answer: AnswerRow | null }>> {
    const round = await this.d.rounds.get(roundId);
    if (!round) return fail({ code: "RoundNotFound" });
    const { platform, workspaceId } = round.channel;
    if (round.kind !== "private" || platform !== actor.platform || workspaceId !== actor.workspaceId)
      return fail({ code: "RoundNotFound" });
    if (round.player !== actor.userId) return fail({ code: "NotYourRound" });
    const existing = await this.d.rounds.answerOf(roundId, actor.userId);
    if (existing) return alreadyAnswered(round.question, existing);
    if (round.status !== "open") return fail({ code: "RoundClosed" });
    let answer: AnswerRow | null = null;
    if (dontKnow) {
      const recorded = await this.d.rounds.recordAnswer({
        roundId,
        userId: actor.userId,
        displayName: actor.displayName,
        response: DONT_KNOW,
        rightParts: 0,
        totalParts: round.question.type === "split" ? round.question.duties.length : 1,
        correct: false,
        answeredAt: this.d.clock.now(),
      });
      if (recorded.answer === null) return fail({ code: "RoundClosed" });
      if (!recorded.stored) return alreadyAnswered(round.question, recorded.answer);
      answer = recorded.answer;
    }
    const revealed = await this.reveal(roundId);
    return ok({
      round: revealed?.round ?? round,
      answer: revealed?.answers.find((a) => a.id === answer?.id) ?? answer,
    });
  }

  /**
   * Files an answer given outside any round (a mock exam's) as a private round revealed at once, so it
   * counts in the person's stats and cards like every private answer, and never in a channel's points.
   */
  fileAnswer(
    actor: Actor,
    channel: ChannelRef,
    asked: { readonly question: Question; readonly choiceOrder: string | null },
    response: readonly string[],
    answeredAt: Date,
  ): Promise<number> {
    return this.d.transactions.run(async () => {
      const id = await this.d.rounds.open({
        channel,
        kind: "private",
        player: actor.userId,
        ...asked,
        speedBonus: false,
        competitionId: null,
        openedAt: answeredAt,
        closesAt: null,
      });
      const g =
        response.length === 0
          ? { rightParts: 0, totalParts: 1, correct: false }
          : grade(asked.question, response);
      await this.d.rounds.recordAnswer({
        roundId: id,
        userId: actor.userId,
        displayName: actor.displayName,
        response,
        ...g,
        answeredAt,
      });
      await this.reveal(id);
      return id;
    });
  }

  /** A person's open /srm quiz round, if any. */
  async openPrivateFor(actor: Actor): Promise<RoundRow | undefined> {
    return await this.d.rounds.openForPlayer(actor.platform, actor.workspaceId, actor.userId);
  }

  /** The channel's open question of the day, if any. */
  async openInChannel(channel: ChannelRef): Promise<RoundRow | undefined> {
    return await this.d.rounds.openInChannel(channel);
  }

  /** Refreshes the count of answers on an open round's channel message. */
  async refreshCount(round: RoundRow): Promise<void> {
    // Background work: it logs its own failures (a platform refusal, a store closed at shutdown).
    try {
      const current = await this.d.rounds.get(round.id);
      if (!current?.messageRef || current.status !== "open") return;
      try {
        await this.d.announcer.update(
          current.channel,
          current.messageRef,
          this.d.cards.open(current, await this.d.rounds.answerCount(round.id)),
        );
      } catch (error) {
        this.d.logger.warn("updating a round's answer count failed", {
          round: round.id,
          error,
        });
      }
      // A count update held back (say by a 429) may land after another process revealed the round: put the
      // reveal back on top, since updating a message again is harmless.
      const after = await this.d.rounds.get(round.id);
      if (after?.status === "revealed")
        await this.announceReveal(after, await this.d.rounds.answers(round.id));
      else if (after?.voidedAt) await this.announceWithdrawn(after);
    } catch (error) {
      this.d.logger.warn("refreshing a round's message failed", { round: round.id, error });
    }
  }

  /**
   * Closes a round and gives its points, exactly once even if two processes try at the same time, then
   * updates its channel message. Returns the revealed round and its answers, or null if it was revealed already.
   */
  async closeAndReveal(
    roundId: number,
  ): Promise<{ round: RoundRow; answers: AnswerRow[]; announceFailure: string | null } | null> {
    const revealed = await this.reveal(roundId);
    if (!revealed) return null;
    const announceFailure =
      revealed.round.kind === "channel" ? await this.announceReveal(revealed.round, revealed.answers) : null;
    return { ...revealed, announceFailure };
  }

  /** The scoring step of a reveal, in one transaction. */
  async reveal(roundId: number): Promise<{ round: RoundRow; answers: AnswerRow[] } | null> {
    const now = this.d.clock.now();
    const revealed = await this.d.transactions.run(async () => {
      const round = await this.d.rounds.get(roundId);
      if (!round || round.status === "revealed" || round.voidedAt) return null;
      if (round.status === "open") await this.d.rounds.close(roundId, now);
      const answers = await this.d.rounds.answers(roundId);
      const { platform, workspaceId: workspace, channelId: channel } = round.channel;
      const periods = periodsOf(round.openedAt);
      let correctSoFar = 0;
      for (const a of answers) {
        const base = basePoints(a);
        let streak = 0;
        let speed = 0;
        if (round.kind === "channel") {
          const prev = await this.d.scores.streak(platform, workspace, channel, a.userId);
          const current = a.correct ? (prev?.current ?? 0) + 1 : 0;
          await this.d.scores.putStreak(platform, workspace, channel, a.userId, {
            current,
            best: Math.max(prev?.best ?? 0, current),
            lastRoundId: roundId,
          });
          if (a.correct) {
            streak = streakBonus(current);
            if (round.speedBonus) speed = speedBonus(correctSoFar);
            correctSoFar++;
          }
          const points = base + streak + speed;
          const keys = ["all", periods.week, periods.month];
          if (round.competitionId !== null) keys.push(`competition:${round.competitionId}`);
          for (const period of keys)
            await this.d.scores.addToPeriod(
              platform,
              workspace,
              period,
              a.userId,
              a.displayName,
              points,
              a.correct,
            );
        }
        await this.d.rounds.setPoints(a.id, base, streak, speed);
      }
      if (round.kind === "channel")
        await this.d.scores.breakStreaksBefore(platform, workspace, channel, roundId);
      await this.d.rounds.markRevealed(roundId, now);
      this.d.metrics.increment("srm_rounds_total", { event: "revealed", kind: round.kind });
      return {
        round: (await this.d.rounds.get(roundId)) as RoundRow,
        answers: await this.d.rounds.answers(roundId),
      };
    });
    if (revealed) await this.tellReveal(revealed.round, revealed.answers);
    return revealed;
  }

  /** Passes a saved reveal on to the listener; its failure is logged and never takes the reveal back. */
  private async tellReveal(round: RoundRow, answers: readonly AnswerRow[]): Promise<void> {
    if (!this.d.reveals) return;
    try {
      await this.d.reveals.revealed(round, answers);
    } catch (error) {
      this.d.logger.error("updating memory cards after a reveal failed; the scores are saved", {
        round: round.id,
        error,
      });
    }
  }

  /**
   * Replaces the round's channel message with its reveal (or posts it, if the message never went out);
   * returns what the platform said when it refused, or null.
   */
  async announceReveal(round: RoundRow, answers: readonly AnswerRow[]): Promise<string | null> {
    const card = this.d.cards.reveal(round, answers);
    try {
      const ref = round.messageRef ?? (await this.findPosted(round));
      if (ref) await this.d.announcer.update(round.channel, ref, card);
      else
        await this.d.rounds.setMessageRef(
          round.id,
          (await this.d.announcer.post(round.channel, card, postToken(round))).ref,
        );
      await this.d.rounds.markRevealAnnounced(round.id, this.d.clock.now());
      this.d.logger.info("revealed a question", {
        channel: channelKey(round.channel),
        round: round.id,
        answers: answers.length,
      });
      return null;
    } catch (error) {
      this.d.logger.error("announcing a reveal failed; the scores are saved", {
        round: round.id,
        error,
      });
      return error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * Withdraws an open channel round posted by mistake: closed with no points, never revealed, and left out
   * of the channel's history so its question may be asked again. Its message says it was withdrawn.
   */
  async voidRound(roundId: number, by: Actor): Promise<Outcome<{ round: RoundRow; answers: number }>> {
    const round = await this.d.rounds.get(roundId);
    if (round?.kind !== "channel" || !(await this.d.rounds.void(roundId, this.d.clock.now(), by.userId)))
      return fail({ code: "NoOpenRound" });
    this.d.metrics.increment("srm_rounds_total", { event: "voided", kind: round.kind });
    this.d.logger.info("a round was withdrawn", { round: roundId, by: by.userId });
    const voided = (await this.d.rounds.get(roundId)) as RoundRow;
    await this.announceWithdrawn(voided);
    return ok({ round: voided, answers: await this.d.rounds.answerCount(roundId) });
  }

  /** Replaces a withdrawn round's channel message with the notice that it was withdrawn. */
  private async announceWithdrawn(round: RoundRow): Promise<void> {
    if (!round.messageRef) return;
    try {
      await this.d.announcer.update(round.channel, round.messageRef, this.d.cards.withdrawn(round));
    } catch (error) {
      this.d.logger.error("updating a withdrawn round's message failed; it gives no points", {
        round: round.id,
        error,
      });
    }
  }

  /** Closes and reveals every round whose time has come, and finishes reveals a crash interrupted. */
  async revealDue(): Promise<number> {
    const due = await this.dueReveals();
    for (const round of due.unannounced) await this.finishReveal(round);
    let done = 0;
    for (const round of due.toReveal) if (await this.revealOnTime(round)) done++;
    return done;
  }

  /** Rounds revealed but never announced, and rounds whose reveal is due: the scheduler runs each channel's. */
  async dueReveals(): Promise<{ unannounced: RoundRow[]; toReveal: RoundRow[] }> {
    return {
      unannounced: await this.d.rounds.revealedUnannounced(),
      toReveal: [
        ...(await this.d.rounds.closedUnrevealed()),
        ...(await this.d.rounds.dueToClose(this.d.clock.now())),
      ],
    };
  }

  /** Announces a reveal the channel never saw, unless it was announced since it was found unannounced. */
  async finishReveal(round: RoundRow): Promise<void> {
    if ((await this.d.rounds.revealAnnouncedAt(round.id)) !== null) return;
    await this.announceReveal(round, await this.d.rounds.answers(round.id));
  }

  /** Reveals a due round; false when it was revealed already or failed (logged). */
  async revealOnTime(round: RoundRow): Promise<boolean> {
    try {
      return (await this.closeAndReveal(round.id)) !== null;
    } catch (error) {
      // One channel's failure never stops the others.
      this.d.logger.error("revealing a due round failed", { round: round.id, error });
      return false;
    }
  }

  /** The questions held out of rotation in a channel's workspace; null when none is. */
  private async heldOut(channel: ChannelRef): Promise<ReadonlySet<string> | null> {
    const held = await this.d.heldOut?.(channel.platform, channel.workspaceId);
    return held && held.size > 0 ? held : null;
  }

  private inRotation(pool: readonly Question[], held: ReadonlySet<string> | null): readonly Question[] {
    return held ? pool.filter((q) => !held.has(q.id)) : pool;
  }

  private async activeCompetitionId(channel: ChannelRef, now: Date): Promise<number | null> {
    const c = await this.d.competitions.active(channel.platform, channel.workspaceId);
    return c && c.startsAt <= now && now < c.endsAt ? c.id : null;
  }
}

/** What marks a round's channel message, so that a post whose answer was lost can be found again. */
export function postToken(round: RoundRow): string {
  return `round-${round.id}-${round.openedAt.getTime().toString(36)}`;
}

/** The refusal of a second answer, naming the first one and when it was given. */
function alreadyAnswered(question: Question, first: AnswerRow): Outcome<never> {
  return fail({
    code: "AlreadyAnswered",
    first: responseLabel(question, first.response),
    at: first.answeredAt,
  });
}
