import type { MatrixNames } from "../domain/matrix.js";
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
  start(actor: Actor, exam: string | null, count: string | null): Reply {
    return examReply(this.exams.start(actor, exam, count), this.matrix);
  }

  /** `/srm exam resume`. */
  resume(actor: Actor): Reply {
    return examReply(this.exams.resume(actor), this.matrix);
  }

  /** `/srm exam abandon`. */
  abandon(actor: Actor): Reply {
    return examReply(this.exams.abandon(actor), this.matrix);
  }

  /** `/srm exam answer <letters>` (no letters: leave the question blank). */
  answer(actor: Actor, letters: readonly string[]): Reply {
    return examReply(this.exams.answer(actor, letters), this.matrix);
  }

  /** An exam button: start one, or answer the question it was shown on. */
  press(actionId: string, actor: Actor): Reply | null {
    const parsed = parseExamActionId(actionId);
    if (!parsed) return null;
    if (parsed.kind === "start") return this.start(actor, parsed.exam, null);
    const at = { examId: parsed.examId, position: parsed.position };
    return examReply(this.exams.answer(actor, parsed.key === null ? [] : [parsed.key], at), this.matrix);
  }
}

/** Flags as replies: what the flag commands and the Flag buttons answer. */
export class FlagReplies implements ButtonHandler {
  constructor(private readonly flags: QuestionFlags) {}

  /** `/srm flag <round> <reason> [comment]`. */
  flag(actor: Actor, round: string, reason: string, comment: string | null): Reply {
    const done = this.flags.flag(actor, round, reason, comment);
    return privateReply(done.ok ? flaggedCard(done.value) : failureCard(done.failure));
  }

  /** `/srm flags` (admins). */
  list(actor: Actor): Reply {
    return privateReply(flagsListCard(this.flags.list(actor), (id) => this.flags.round(id)));
  }

  /** `/srm flags dismiss <question>` (admins). */
  dismiss(actor: Actor, questionId: string): Reply {
    const done = this.flags.dismiss(actor, questionId);
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
  press(actionId: string, actor: Actor): Reply | null {
    const parsed = parseFlagActionId(actionId);
    if (!parsed) return null;
    if (parsed.reason !== null) return this.flag(actor, String(parsed.roundId), parsed.reason, null);
    const round = this.flags.offer(actor, String(parsed.roundId));
    return privateReply(round.ok ? flagReasonsCard(round.value.id) : failureCard(round.failure));
  }
}
