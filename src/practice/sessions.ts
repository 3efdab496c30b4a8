import type { QuestionBank } from "../bank/question-bank.js";
import { fail, type Outcome, ok } from "../domain/failure.js";
import { type ItemRef, itemKey, type Memory } from "../domain/memory.js";
import type {
  Asked,
  NewToday,
  Person,
  SessionMode,
  SessionRow,
  SessionStep,
  SessionStopped,
} from "../domain/practice.js";
import type { Question } from "../domain/question.js";
import type { RoundRow } from "../domain/round.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import type { Transactions } from "../ports/async.js";
import type { PracticeStore } from "../ports/practice-store.js";
import type { Actor, ChannelRef, Clock } from "../ports.js";
import type { RoundService } from "../quiz/rounds.js";
import type { CardReviews } from "./card-reviews.js";
import { itemsOfServices, questionFor } from "./items.js";
import { type LearningOrder, pathOf } from "./learning-order.js";
import type { MemoryScheduler } from "./scheduler.js";

/** What sessions need. */
export interface SessionDeps {
  readonly store: PracticeStore;
  readonly transactions: Transactions;
  readonly scheduler: MemoryScheduler;
  readonly reviews: CardReviews;
  readonly rounds: RoundService;
  readonly bank: QuestionBank;
  readonly matrix: OwnershipMatrix;
  readonly clock: Clock;
  readonly order: LearningOrder;
}

interface Queued {
  readonly item: ItemRef;
  readonly question: Question;
  /** Never met: asking it introduces a new card. */
  readonly fresh?: boolean;
}

/** Personal practice, review and cram: one private question after another, each answer a review. */
export class PracticeSessions {
  constructor(private readonly d: SessionDeps) {}

  /** Starts a session (replacing any running one) and asks its first question. */
  async start(
    actor: Actor,
    channel: ChannelRef,
    mode: SessionMode,
    services: readonly string[] | null,
  ): Promise<Outcome<SessionStep>> {
    // Started and read back in one transaction: a stop arriving at the same moment cannot end it in between.
    const session = await this.d.transactions.run(async () => {
      await this.d.store.startSession(actor, mode, services, this.d.clock.now());
      return (await this.d.store.session(actor)) as SessionRow;
    });
    return await this.advance(actor, channel, session);
  }

  /**
   * After a private answer (or a skip): the session's next step if it was its question, else null. A
   * skipped question is not asked again in this session; an answered one counts as done.
   */
  async continueAfter(actor: Actor, round: RoundRow, skipped = false): Promise<Outcome<SessionStep> | null> {
    if (skipped) await this.d.store.skipInSession(actor, round.id, round.question.id);
    else await this.d.store.countSessionAnswer(actor, round.id);
    const session = await this.d.store.session(actor);
    if (!session || session.roundId !== round.id) return null;
    return await this.advance(actor, round.channel, session);
  }

  /**
   * Ends the person's session (`/srm stop`); the question it waits on is skipped, so no card changes.
   * Null when no session is running.
   */
  async stop(actor: Actor): Promise<SessionStopped | null> {
    const session = await this.d.store.session(actor);
    if (!session) return null;
    let skipped = session.skipped.length;
    if (session.roundId !== null && (await this.d.rounds.pass(session.roundId, actor, false)).ok) skipped++;
    await this.d.store.endSession(actor);
    const now = this.d.clock.now();
    return {
      mode: session.mode,
      answered: session.answered,
      skipped,
      dueNow: await this.d.store.dueCount(actor, now),
      nextDue: await this.d.store.nextDue(actor, now),
    };
  }

  /** Adds an item to the person's cards and asks it privately ("Quiz me on this"). */
  async quizMe(actor: Actor, channel: ChannelRef, item: ItemRef): Promise<Outcome<Asked>> {
    const question = questionFor(this.d.bank, item);
    if (!question) return fail({ code: "NotACell", text: item.id });
    await this.d.reviews.meet(actor, item);
    return await this.ask(actor, channel, question);
  }

  private async advance(
    actor: Actor,
    channel: ChannelRef,
    session: SessionRow,
  ): Promise<Outcome<SessionStep>> {
    const queue = await this.queue(actor, session);
    const first = queue[0];
    const now = this.d.clock.now();
    if (!first) {
      await this.d.store.endSession(actor);
      return ok({
        kind: "done",
        mode: session.mode,
        nextDue: await this.d.store.nextDue(actor, now),
        today: session.mode === "practice" ? await this.newToday(actor) : null,
      });
    }
    const asked = await this.ask(actor, channel, first.question);
    if (!asked.ok) {
      await this.d.store.endSession(actor);
      return asked;
    }
    const fresh = first.fresh === true && !asked.value.earlier;
    if (fresh)
      await this.d.transactions.run(async () => {
        await this.d.reviews.meet(actor, first.item);
        await this.d.store.introduce(actor, first.item, now);
      });
    await this.d.store.setSessionRound(actor, asked.value.round.id);
    const newLeft = queue.slice(1).filter((q) => q.fresh === true).length;
    return ok({ kind: "ask", mode: session.mode, left: queue.length - 1, newLeft, fresh, ...asked.value });
  }

  /** How many new cards a person has left today, and the items practice would introduce next. */
  async newCards(
    who: Person,
    skipped: ReadonlySet<string> = new Set(),
  ): Promise<{ left: number; next: ItemRef[] }> {
    const prefs = await this.d.store.prefs(who);
    const left = Math.max(
      0,
      prefs.newPerDay - (await this.d.store.introducedSince(who, startOfDay(this.d.clock.now()))),
    );
    if (left === 0) return { left, next: [] };
    const met = await this.d.store.itemKeys(who);
    const next: ItemRef[] = [];
    for (const item of this.d.order.items(pathOf(prefs.path))) {
      if (next.length === left) break;
      if (met.has(itemKey(item))) continue;
      if (item.kind === "question" && skipped.has(item.id)) continue;
      if (item.kind === "cell" && skipped.has(questionFor(this.d.bank, item)?.id ?? "")) continue;
      next.push(item);
    }
    return { left, next };
  }

  /** Today's new cards: introduced, the limit, and how many never-met items wait. */
  async newToday(who: Person): Promise<NewToday> {
    const prefs = await this.d.store.prefs(who);
    const met = await this.d.store.itemKeys(who);
    const all = this.d.order.items(pathOf(prefs.path));
    return {
      introduced: await this.d.store.introducedSince(who, startOfDay(this.d.clock.now())),
      limit: prefs.newPerDay,
      waiting: all.filter((item) => !met.has(itemKey(item))).length,
    };
  }

  /** Opens a private round on one question; a question the person already has open comes first. */
  private async ask(actor: Actor, channel: ChannelRef, question: Question): Promise<Outcome<Asked>> {
    const open = await this.d.rounds.openPrivateFor(actor);
    const opened = await this.d.rounds.openPrivateRound(actor, channel, [question]);
    if (!opened.ok) return fail(opened.failure);
    return ok({ round: opened.value, earlier: open !== undefined && open.question.id !== question.id });
  }

  /** The questions a session still has to ask, the next one first. */
  private async queue(who: Person, session: SessionRow): Promise<Queued[]> {
    const now = this.d.clock.now();
    const skipped = new Set(session.skipped);
    const askable = (item: ItemRef): Queued[] => {
      const question = questionFor(this.d.bank, item);
      return question && !skipped.has(question.id) ? [{ item, question }] : [];
    };
    const recall = (card: { readonly memory: Memory } | undefined) =>
      card ? this.d.scheduler.recall(card.memory, now) : 0;
    switch (session.mode) {
      case "practice":
        // "Most due" is the card most likely forgotten by now; among equals, the one due longest.
        // Then today's new cards, in the person's learning order.
        return [
          ...(await this.d.store.dueCards(who, now))
            .map((card) => ({ card, r: recall(card) }))
            .sort((a, b) => a.r - b.r || +a.card.memory.due - +b.card.memory.due || a.card.id - b.card.id)
            .flatMap(({ card }) => askable(card.item)),
          ...(await this.newCards(who, skipped)).next.flatMap((item) =>
            askable(item).map((q) => ({ ...q, fresh: true })),
          ),
        ];
      case "review":
        // The miss answered longest ago first, so a miss answered wrong again goes to the back.
        return (await this.d.store.cards(who))
          .filter((card) => card.lastRecall === "again")
          .sort((a, b) => (a.lastReviewId ?? 0) - (b.lastReviewId ?? 0))
          .flatMap((card) => askable(card.item));
      case "cram": {
        const cards = new Map((await this.d.store.cards(who)).map((c) => [itemKey(c.item), c]));
        const items = session.services
          ? itemsOfServices(this.d.matrix, this.d.bank, session.services)
          : [...cards.values()].map((c) => c.item);
        // Whatever was answered since the cram began is done; the least remembered comes first.
        return items
          .map((item, order) => ({ item, order, card: cards.get(itemKey(item)) }))
          .filter(({ card }) => (card?.lastReviewId ?? 0) <= session.sinceReview)
          .map((x) => ({ ...x, r: recall(x.card) }))
          .sort((a, b) => a.r - b.r || a.order - b.order)
          .flatMap(({ item }) => askable(item));
      }
    }
  }
}

/** Midnight UTC of the day of `at`: where a day's count of new cards starts. */
function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}
