import { fail, type Outcome, ok } from "../domain/failure.js";
import { type Confidence, type ItemRef, itemKey, type Recall, recallOf } from "../domain/memory.js";
import type { ConfidenceNoted, Person } from "../domain/practice.js";
import type { AnswerRow, RoundRow } from "../domain/round.js";
import type { Transactions } from "../ports/async.js";
import type { PracticeStore } from "../ports/practice-store.js";
import type { Clock } from "../ports.js";
import { itemsOfAnswer } from "./items.js";
import type { MemoryScheduler } from "./scheduler.js";

/** What recording reviews needs. */
export interface CardReviewDeps {
  readonly store: PracticeStore;
  readonly transactions: Transactions;
  readonly scheduler: MemoryScheduler;
  readonly clock: Clock;
}

/** Turns every revealed answer into reviews of the answerer's memory cards. */
export class CardReviews {
  constructor(private readonly d: CardReviewDeps) {}

  /**
   * Reviews the cards of every answer of a revealed round: wrong is again, right is good (a private
   * answer's "How sure?" tap may lower that to hard later). Cards are created on first meeting.
   */
  async revealed(round: RoundRow, answers: readonly AnswerRow[]): Promise<void> {
    const { platform, workspaceId } = round.channel;
    await this.d.transactions.run(async () => {
      for (const answer of answers) {
        const who: Person = { platform, workspaceId, userId: answer.userId };
        for (const outcome of itemsOfAnswer(round.question, answer.response, answer.correct))
          await this.review(who, outcome.item, recallOf(outcome.correct, null), answer.answeredAt, round);
      }
    });
  }

  /**
   * Rates a right private answer again after a "How sure?" tap (`roundId` null: the person's latest).
   * The review is rolled back and redone with the new rating, so the schedule is as if it had been
   * given at once; refused once the card has been reviewed again since.
   */
  async confidence(
    who: Person,
    roundId: number | null,
    confidence: Confidence,
  ): Promise<Outcome<ConfidenceNoted>> {
    // Read and written in one transaction, so two taps at once cannot both roll the same review back.
    return this.d.transactions.run(async () => {
      const id = roundId ?? (await this.d.store.lastPrivateRound(who));
      const rows = id === null ? [] : await this.d.store.roundReviews(who, id);
      if (rows.length === 0) return fail({ code: "NoAnswerToRate" });
      if (rows.some((r) => r.review.source !== "private")) return fail({ code: "SureOnlyPrivate" });
      // A wrong answer is "again" however sure the person felt; only right answers have a confidence.
      if (rows.some((r) => r.review.trace.recall === "again")) return fail({ code: "SureAfterWrong" });
      for (const r of rows)
        if ((await this.d.store.latestReview(r.card.id))?.id !== r.review.id)
          return fail({ code: "SureTooLate" });
      const recall = recallOf(true, confidence);
      const cards = [];
      for (const { review, card } of rows) {
        const before = this.d.scheduler.undo(card.memory, review.trace);
        const { memory } = this.d.scheduler.review(before, review.trace.reviewedAt, recall);
        await this.d.store.saveCard(card.id, memory, recall);
        await this.d.store.rerate(review.id, recall, confidence);
        cards.push({ item: card.item, due: memory.due });
      }
      return ok({ confidence, recall, cards });
    });
  }

  /** Adds an item to a person's cards (due at once) without reviewing it. */
  async meet(who: Person, item: ItemRef): Promise<void> {
    const now = this.d.clock.now();
    await this.d.store.ensureCard(who, item, this.d.scheduler.fresh(now), now);
  }

  /**
   * After an admin corrected a round's key: each answer's reviews from that round are rated again by the
   * corrected grade, as if it had been given at once, where the review is still the card's latest (a later
   * review has moved the card on, and that one stands). Returns how many reviews changed.
   */
  async regraded(round: RoundRow, answers: readonly AnswerRow[]): Promise<number> {
    const { platform, workspaceId } = round.channel;
    return this.d.transactions.run(async () => {
      let changed = 0;
      for (const answer of answers) {
        const who: Person = { platform, workspaceId, userId: answer.userId };
        const outcomes = new Map(
          itemsOfAnswer(round.question, answer.response, answer.correct).map((o) => [itemKey(o.item), o]),
        );
        for (const { review, card } of await this.d.store.roundReviews(who, round.id)) {
          const outcome = outcomes.get(itemKey(card.item));
          if (!outcome || (review.trace.recall !== "again") === outcome.correct) continue;
          if ((await this.d.store.latestReview(card.id))?.id !== review.id) continue;
          const recall = recallOf(outcome.correct, null);
          const before = this.d.scheduler.undo(card.memory, review.trace);
          const { memory } = this.d.scheduler.review(before, review.trace.reviewedAt, recall);
          await this.d.store.saveCard(card.id, memory, recall);
          await this.d.store.rerate(review.id, recall, null);
          changed++;
        }
      }
      return changed;
    });
  }

  /**
   * After an admin voided a revealed round's question: each answer's reviews from that round are taken
   * back where they are still the card's latest, so a broken question leaves no miss to review. Returns how
   * many reviews were taken back.
   */
  async voided(round: RoundRow, answers: readonly AnswerRow[]): Promise<number> {
    const { platform, workspaceId } = round.channel;
    return this.d.transactions.run(async () => {
      let undone = 0;
      for (const answer of answers) {
        const who: Person = { platform, workspaceId, userId: answer.userId };
        for (const { review, card } of await this.d.store.roundReviews(who, round.id)) {
          if ((await this.d.store.latestReview(card.id))?.id !== review.id) continue;
          await this.d.store.undoReview(review.id, card.id, this.d.scheduler.undo(card.memory, review.trace));
          undone++;
        }
      }
      return undone;
    });
  }

  private async review(
    who: Person,
    item: ItemRef,
    recall: Recall,
    answeredAt: Date,
    round: RoundRow,
  ): Promise<void> {
    const card = await this.d.store.ensureCard(who, item, this.d.scheduler.fresh(answeredAt), answeredAt);
    // A channel answer is applied at the reveal, maybe after the same card was practised privately:
    // a review is never placed before the card's latest one.
    const last = card.memory.lastReview;
    const at = last && last > answeredAt ? last : answeredAt;
    const { memory, trace } = this.d.scheduler.review(card.memory, at, recall);
    await this.d.store.saveCard(card.id, memory, recall);
    await this.d.store.addReview(card.id, round.id, round.kind, trace);
  }
}
