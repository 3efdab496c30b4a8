import type { MatrixNames } from "../domain/matrix.js";
import type { RoundRow } from "../domain/round.js";
import type { Actor } from "../ports.js";
import type { MockExams } from "../practice/exams.js";
import type { ButtonHandler } from "../practice/practice.js";
import type { QuestionFlags } from "../quiz/flags.js";
import { privateReply, type Reply } from "../views/card.js";
import { examReply, parseExamActionId } from "../views/exam-view.js";
import { parseFlagActionId } from "../views/flag-ids.js";
import { flaggedCard, flagReasonsCard, flagsListCard, resolvedCard } from "../views/flag-view.js";
import { failureCard } from "../views/messages.js";

/** Mock exams as replies: what the exam commands and the exam's buttons answer. */
export class ExamReplies implements ButtonHandler {
  constructor(
    private readonly exams: MockExams,
    private readonly matrix: MatrixNames,
  ) {}

  /** `/srm exam [exam] [questions]`. */
  async start(actor: Actor, exam: string | null, count: string | null): Promise<Reply> {
    return examReply(await this.exams.start(actor, exam, count), this.matrix);
  }

  /** `/srm exam resume`. */
  async resume(actor: Actor): Promise<Reply> {
    return examReply(await this.exams.resume(actor), this.matrix);
  }

  /** `/srm exam abandon`. */
  async abandon(actor: Actor): Promise<Reply> {
    return examReply(await this.exams.abandon(actor), this.matrix);
  }

  /** `/srm exam answer <letters>` (no letters: leave the question blank). */
  async answer(actor: Actor, letters: readonly string[]): Promise<Reply> {
    return examReply(await this.exams.answer(actor, letters), this.matrix);
  }

  /** An exam button: start one, or answer the question it was shown on. */
  async press(actionId: string, actor: Actor): Promise<Reply | null> {
    const parsed = parseExamActionId(actionId);
    if (!parsed) return null;
    if (parsed.kind === "start") return this.start(actor, parsed.exam, null);
    const at = { examId: parsed.examId, position: parsed.position };
    return examReply(
      await this.exams.answer(actor, parsed.key === null ? [] : [parsed.key], at),
      this.matrix,
    );
  }
}

/** Flags as replies: what the flag commands and the Flag buttons answer. */
export class FlagReplies implements ButtonHandler {
  constructor(private readonly flags: QuestionFlags) {}

  /** `/srm flag <round> <reason> [comment]`. */
  async flag(actor: Actor, round: string, reason: string, comment: string | null): Promise<Reply> {
    const done = await this.flags.flag(actor, round, reason, comment);
    return privateReply(done.ok ? flaggedCard(done.value) : failureCard(done.failure));
  }

  /** `/srm flags` (admins). */
  async list(actor: Actor): Promise<Reply> {
    const list = await this.flags.list(actor);
    // The card shows each flagged round's question: read them all first, since a card is built at once.
    const rounds = new Map<number, RoundRow | undefined>();
    for (const f of list.open)
      if (!rounds.has(f.roundId)) rounds.set(f.roundId, await this.flags.round(f.roundId));
    return privateReply(flagsListCard(list, (id) => rounds.get(id)));
  }

  /** `/srm flags dismiss <question>` (admins). */
  async dismiss(actor: Actor, questionId: string): Promise<Reply> {
    const done = await this.flags.dismiss(actor, questionId);
    return privateReply(
      done.ok
        ? resolvedCard("dismissed", questionId.trim().toLowerCase(), done.value)
        : failureCard(done.failure),
    );
  }

  /** `/srm flags fix <round> <letters>` (admins). */
  async fixKey(actor: Actor, round: string, letters: readonly string[]): Promise<Reply> {
    const done = await this.flags.fixKey(actor, round, letters);
    return privateReply(
      done.ok
        ? resolvedCard("key-fixed", done.value.round.question.id, done.value.flagsResolved, done.value)
        : failureCard(done.failure),
    );
  }

  /** `/srm flags void <round>` (admins). */
  async voidQuestion(actor: Actor, round: string): Promise<Reply> {
    const done = await this.flags.voidQuestion(actor, round);
    return privateReply(
      done.ok
        ? resolvedCard("voided", done.value.round.question.id, done.value.flagsResolved, done.value)
        : failureCard(done.failure),
    );
  }

  /** "Flag" (offers the reasons) and a reason's button (flags with it). */
  async press(actionId: string, actor: Actor): Promise<Reply | null> {
    const parsed = parseFlagActionId(actionId);
    if (!parsed) return null;
    if (parsed.reason !== null) return this.flag(actor, String(parsed.roundId), parsed.reason, null);
    const round = await this.flags.offer(actor, String(parsed.roundId));
    return privateReply(round.ok ? flagReasonsCard(round.value.id) : failureCard(round.failure));
  }
}
