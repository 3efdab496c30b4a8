import type { QuestionBank } from "../bank/question-bank.js";
import { examNamed } from "../domain/exam.js";
import type { Outcome } from "../domain/failure.js";
import { type Confidence, cellItem, type ItemRef } from "../domain/memory.js";
import type { SessionMode } from "../domain/practice.js";
import type { AnswerRow, RoundRow } from "../domain/round.js";
import type { Text } from "../domain/text.js";
import type { LookupResult, OwnershipLookup } from "../knowledge/lookup.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import { heatMapImage } from "../pictures/card-image.js";
import type { Transactions } from "../ports/async.js";
import type { PracticeStore } from "../ports/practice-store.js";
import type { Actor, Announcer, ChannelRef, Clock, Logger, LookupJournal } from "../ports.js";
import type { RoundService } from "../quiz/rounds.js";
import { type Card, privateReply, type Reply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import {
  confidenceCard,
  digestCard,
  howSureCard,
  MAX_NEW_PER_DAY,
  memoryStatsCard,
  newCardsSetCard,
  parseDrillActionId,
  parseSureActionId,
  pathSetCard,
  practiceHomeLine,
  quizMeCard,
  sessionStepCard,
  sessionStoppedCard,
  skippedCard,
  withQuizMe,
} from "../views/practice-view.js";
import { type PassKind, parsePassActionId, privateResultCard } from "../views/round-view.js";
import type { CardReviews } from "./card-reviews.js";
import { WeeklyDigests } from "./digest.js";
import { LearningOrder } from "./learning-order.js";
import type { MemoryScheduler } from "./scheduler.js";
import { PracticeSessions } from "./sessions.js";
import { PracticeStats } from "./stats.js";
import type { TeamMemory } from "./team-memory.js";

/** A button carries no channel; a private round opened from one is filed under this channel id. */
export const BUTTON_CHANNEL_ID = "practice";

/** What personal practice needs. */
export interface PracticeDeps {
  /** Transactions across the stores of the same database. */
  readonly transactions: Transactions;
  readonly store: PracticeStore;
  readonly scheduler: MemoryScheduler;
  readonly reviews: CardReviews;
  readonly team: TeamMemory;
  readonly rounds: RoundService;
  readonly bank: QuestionBank;
  readonly matrix: OwnershipMatrix;
  readonly lookup: OwnershipLookup;
  readonly journal: LookupJournal;
  readonly announcer: Announcer;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Other personal buttons (mock exams, flags) that arrive where practice's do; the first that knows an id answers. */
  readonly buttons?: readonly ButtonHandler[];
}

/** Something that answers the buttons it made. */
export interface ButtonHandler {
  /** The reply to a pressed button, or null when the id is not one of this handler's. */
  press(actionId: string, actor: Actor): Promise<Reply | null>;
}

/** Personal practice as the engine drives it: commands and buttons in, replies out. */
export class Practice {
  private readonly sessions: PracticeSessions;
  private readonly stats: PracticeStats;
  private readonly digests: WeeklyDigests;

  constructor(private readonly d: PracticeDeps) {
    this.sessions = new PracticeSessions({ ...d, order: new LearningOrder(d.matrix, d.bank) });
    this.stats = new PracticeStats(d);
    this.digests = new WeeklyDigests({
      ...d,
      digestCard: (digest) => {
        const card = digestCard(digest, d.matrix);
        const image = heatMapImage(`Team recall, ${digest.week}`, digest.cells, digest.weakest, d.matrix);
        return image ? { ...card, image } : card;
      },
    });
  }

  /** `/srm practice`, `/srm review` and `/srm cram [service]`: starts a session and asks its first question. */
  async session(actor: Actor, channel: ChannelRef, mode: SessionMode, scope: string | null): Promise<Reply> {
    let services: string[] | null = null;
    if (mode === "cram" && scope !== null) {
      services = this.servicesNamed(scope);
      if (!services) return privateReply(failureCard({ code: "NotAService", text: scope }));
    }
    return this.reply(await this.sessions.start(actor, channel, mode, services), sessionStepCard);
  }

  /**
   * `/srm practice path <clf-c02|saa-c03|scs-c02|service|default>`: new cards follow that path from now on
   * (remembered), and a practice starts.
   */
  async practicePath(actor: Actor, channel: ChannelRef, text: string): Promise<Reply> {
    const path = this.pathNamed(text);
    if (path === undefined) return privateReply(failureCard({ code: "NotAPath", text }));
    await this.d.store.setPath(actor, path);
    const step = await this.sessions.start(actor, channel, "practice", null);
    return privateReply(
      pathSetCard(path, this.d.matrix),
      step.ok ? sessionStepCard(step.value) : failureCard(step.failure),
    );
  }

  /** `/srm practice new-cards <0-100>`: how many new cards a day practice introduces to this person. */
  async newCardsPerDay(actor: Actor, text: string): Promise<Reply> {
    const n = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
    if (!(n >= 0 && n <= MAX_NEW_PER_DAY)) return privateReply(failureCard({ code: "BadNewCards", text }));
    await this.d.store.setNewPerDay(actor, n);
    return privateReply(newCardsSetCard(n, await this.sessions.newToday(actor)));
  }

  /** `/srm drill <service> <area>`: the typed "Quiz me on this", in free phrasing. */
  async drill(actor: Actor, channel: ChannelRef, text: string): Promise<Reply> {
    const result = this.d.lookup.lookup(text);
    if (result.kind !== "answer" || !result.service)
      return privateReply(failureCard({ code: "NotACell", text }));
    return await this.quizMe(actor, channel, cellItem(result.service.id, result.area.id));
  }

  /** `/srm sure <guess|fairly|certain>`: rates the person's latest right private answer. */
  async sure(actor: Actor, confidence: Confidence, roundId: number | null = null): Promise<Reply> {
    return this.reply(await this.d.reviews.confidence(actor, roundId, confidence), (noted) =>
      confidenceCard(noted, this.d.matrix),
    );
  }

  /** A pressed practice button ("Quiz me on this", "How sure?"); null when the id is none of these. */
  async press(actionId: string, actor: Actor): Promise<Reply | null> {
    const drill = parseDrillActionId(actionId);
    if (drill) {
      const channel = {
        platform: actor.platform,
        workspaceId: actor.workspaceId,
        channelId: BUTTON_CHANNEL_ID,
      };
      return await this.quizMe(actor, channel, cellItem(drill.service, drill.area));
    }
    const sure = parseSureActionId(actionId);
    if (sure) return await this.sure(actor, sure.confidence, sure.roundId);
    const passed = parsePassActionId(actionId);
    if (passed) return await this.pass(actor, passed.how, passed.roundId);
    for (const handler of this.d.buttons ?? []) {
      const reply = await handler.press(actionId, actor);
      if (reply) return reply;
    }
    return null;
  }

  /**
   * "Skip" or "I don't know" on a private question (`roundId` null: the person's open one). I don't know
   * is a miss for every card the question tests and shows the explanation; Skip changes no card. In a
   * session, both go on to its next question.
   */
  async pass(actor: Actor, how: PassKind, roundId: number | null = null): Promise<Reply> {
    const target = roundId ?? (await this.d.rounds.openPrivateFor(actor))?.id;
    if (target === undefined) return privateReply(failureCard({ code: "NoQuestionToPass" }));
    const passed = await this.d.rounds.pass(target, actor, how === "dont-know");
    if (!passed.ok) return privateReply(failureCard(passed.failure));
    const { round, answer } = passed.value;
    const cards: Card[] = [answer ? privateResultCard(round, answer) : skippedCard()];
    const next = await this.sessions.continueAfter(actor, round, answer === null);
    if (next) cards.push(next.ok ? sessionStepCard(next.value) : failureCard(next.failure));
    return privateReply(...cards);
  }

  /** `/srm stop`: ends the person's practice, review or cram, and says what it did and what is due. */
  async stop(actor: Actor): Promise<Reply> {
    const stopped = await this.sessions.stop(actor);
    return privateReply(stopped ? sessionStoppedCard(stopped) : failureCard({ code: "NoSession" }));
  }

  /** What follows a revealed private answer: "How sure?" when it was right, and the session's next step. */
  async afterPrivateAnswer(actor: Actor, round: RoundRow, answer: AnswerRow): Promise<Card[]> {
    const cards: Card[] = answer.correct ? [howSureCard(round.id)] : [];
    const next = await this.sessions.continueAfter(actor, round);
    if (next) cards.push(next.ok ? sessionStepCard(next.value) : failureCard(next.failure));
    return cards;
  }

  /** A lookup's reply, with "Quiz me on this" when it answered exactly one cell. */
  lookupReply(result: LookupResult, reply: Reply): Reply {
    const [first, ...rest] = reply.cards;
    if (result.kind !== "answer" || !result.service || !first) return reply;
    return { ...reply, cards: [withQuizMe(first, result.service.id, result.area.id), ...rest] };
  }

  /** The memory part of a person's /srm stats, with today's new cards. */
  async statsCard(actor: Actor): Promise<Card> {
    return memoryStatsCard(
      await this.stats.of(actor),
      this.d.matrix,
      (await this.sessions.newCards(actor)).next.length,
    );
  }

  /** What is due and how many new cards wait today, as the first sentence of a person's home. */
  async homeLine(actor: Actor): Promise<Text> {
    const now = this.d.clock.now();
    return practiceHomeLine(
      await this.d.store.dueCount(actor, now),
      (await this.sessions.newCards(actor)).next.length,
      await this.d.store.nextDue(actor, now),
    );
  }

  /** Posts the weekly digests that are due; front ends call it on their timer through the engine. */
  async tick(): Promise<void> {
    await this.digests.sendDue();
  }

  private async quizMe(actor: Actor, channel: ChannelRef, item: ItemRef): Promise<Reply> {
    return this.reply(await this.sessions.quizMe(actor, channel, item), quizMeCard);
  }

  /** The stored path a word names: an exam, one service, or null for "default"; undefined for neither. */
  private pathNamed(text: string): string | null | undefined {
    const word = text.trim().toLowerCase();
    if (word === "default" || word === "none") return null;
    const exam = examNamed(word);
    if (exam) return exam;
    const result = this.d.lookup.lookup(word);
    return result.kind === "service-stack" ? result.service.id : undefined;
  }

  /** The services a cram names: one service, or every member of a group ("ecs"). */
  private servicesNamed(text: string): string[] | null {
    const result = this.d.lookup.lookup(text);
    if (result.kind === "service-stack") return [result.service.id];
    if (result.kind === "which-service" && result.area === null && result.services.length > 0)
      return result.services.map((s) => s.id);
    return null;
  }

  private reply<T>(o: Outcome<T>, render: (value: T) => Card): Reply {
    return privateReply(o.ok ? render(o.value) : failureCard(o.failure));
  }
}
