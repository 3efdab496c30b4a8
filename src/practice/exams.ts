import type { QuestionBank } from "../bank/question-bank.js";
import {
  EXAM_CHANNEL_ID,
  EXAM_QUESTIONS,
  type ExamFailure,
  type ExamId,
  type ExamQuestion,
  type ExamReport,
  type ExamRow,
  type ExamStep,
  examNamed,
} from "../domain/exam.js";
import { ok } from "../domain/failure.js";
import { stableHash } from "../domain/hash.js";
import { itemKey } from "../domain/memory.js";
import { grade, normalizeResponse, type Question, responseProblem } from "../domain/question.js";
import type { Transactions } from "../ports/async.js";
import type { ExamStore } from "../ports/exam-store.js";
import type { PracticeStore } from "../ports/practice-store.js";
import type { Actor, Clock, Logger } from "../ports.js";
import { shown } from "../quiz/asking.js";
import type { RoundService } from "../quiz/rounds.js";
import { reportOf } from "./exam-report.js";
import { itemsOfAnswer } from "./items.js";

/** A mock exam command's outcome: its next step, or an expected failure (its own table, in the exam view). */
export type ExamOutcome =
  | { readonly ok: true; readonly value: ExamStep }
  | { readonly ok: false; readonly failure: ExamFailure };

/** What mock exams need. */
export interface MockExamDeps {
  /** Transactions across the stores of the same database. */
  readonly transactions: Transactions;
  readonly exams: ExamStore;
  readonly cards: PracticeStore;
  readonly rounds: RoundService;
  readonly bank: QuestionBank;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The questions a workspace holds out of rotation (flagged by several people, unresolved). */
  readonly heldOut?: (platform: Actor["platform"], workspace: string) => Promise<ReadonlySet<string>>;
}

const refuse = (failure: ExamFailure): ExamOutcome => ({ ok: false, failure });

/**
 * Private mock exams: N questions tagged for one exam, asked one at a time with no feedback until the end.
 * Stored as they go, so an exam survives a restart; at the end every answer is filed as a private round,
 * so it counts in the person's stats and cards and never in a channel's points.
 */
export class MockExams {
  constructor(private readonly d: MockExamDeps) {}

  /** `/srm exam [clf-c02|saa-c03|scs-c02] [questions]`: starts one; with no exam named, offers the three. */
  async start(actor: Actor, examText: string | null, countText: string | null): Promise<ExamOutcome> {
    const running = await this.d.exams.running(actor);
    if (running) return refuse(runningFailure(running));
    if (examText === null || examText.trim() === "") return ok({ kind: "choose" });
    const exam = examNamed(examText);
    if (!exam) return refuse({ code: "NotAnExam", text: examText });
    const count = countText === null || countText.trim() === "" ? EXAM_QUESTIONS.default : Number(countText);
    if (!Number.isInteger(count) || count < EXAM_QUESTIONS.min || count > EXAM_QUESTIONS.max)
      return refuse({ code: "BadQuestionCount", text: countText ?? "" });
    const now = this.d.clock.now();
    const held = (await this.d.heldOut?.(actor.platform, actor.workspaceId)) ?? new Set<string>();
    const questions = this.draw(exam, count, `${actor.platform}:${actor.userId}:${now.toISOString()}`, held);
    // A second start at the same moment (a double click) finds the first one's exam: it is shown instead.
    await this.d.exams.start(actor, actor.displayName, exam, questions, now);
    return await this.current(actor, null);
  }

  /** `/srm exam resume`: the running exam's next question. */
  async resume(actor: Actor): Promise<ExamOutcome> {
    return await this.current(actor, null);
  }

  /** `/srm exam abandon`: ends the running exam; its answers are not counted anywhere. */
  async abandon(actor: Actor): Promise<ExamOutcome> {
    const running = await this.d.exams.running(actor);
    if (!running || !(await this.d.exams.abandon(running.id, this.d.clock.now())))
      return refuse({ code: "NoExam" });
    this.d.logger.info("a mock exam was abandoned", { exam: running.exam, answered: running.answers.length });
    return ok({ kind: "abandoned", exam: running });
  }

  /**
   * `/srm exam answer <letters>`: answers the running exam's current question (no letters: leave it blank).
   * `at` names the question a button was pressed on: a button of an earlier question is refused.
   */
  async answer(
    actor: Actor,
    response: readonly string[],
    at: { examId: number; position: number } | null = null,
  ): Promise<ExamOutcome> {
    const exam = await this.d.exams.running(actor);
    if (!exam) return refuse({ code: "NoExam" });
    const position = exam.answers.length;
    if (at && (at.examId !== exam.id || at.position !== position)) return refuse({ code: "NotThisQuestion" });
    const asked = exam.questions[position];
    if (!asked) return await this.current(actor, null);
    const normal = normalizeResponse(asked.question, response);
    if (normal.length > 0) {
      const problem = responseProblem(asked.question, normal);
      if (problem) return refuse({ code: "BadExamAnswer", problem });
    }
    const correct = normal.length > 0 && grade(asked.question, normal).correct;
    const now = this.d.clock.now();
    if (!(await this.d.exams.answer(exam.id, { position, response: normal, correct, answeredAt: now })))
      return await this.current(actor, null);
    return await this.current(actor, position + 1);
  }

  private async current(actor: Actor, saved: number | null): Promise<ExamOutcome> {
    const exam = await this.d.exams.running(actor);
    if (!exam) return refuse({ code: "NoExam" });
    const position = exam.answers.length;
    if (!exam.questions[position]) return await this.finish(actor, exam.id);
    return ok({ kind: "question", exam, position, saved });
  }

  /** Files every answer as a private round (stats and cards), ends the exam, and reports. */
  private async finish(actor: Actor, examId: number): Promise<ExamOutcome> {
    const channel = { platform: actor.platform, workspaceId: actor.workspaceId, channelId: EXAM_CHANNEL_ID };
    const report = await this.d.transactions.run(async (): Promise<ExamReport | null> => {
      const exam = await this.d.exams.get(examId);
      if (!exam || !(await this.d.exams.finish(examId, this.d.clock.now()))) return null;
      const filedAs = new Map<number, number>();
      for (const a of exam.answers) {
        const asked = exam.questions[a.position];
        if (!asked) continue;
        const roundId = await this.d.rounds.fileAnswer(actor, channel, asked, a.response, a.answeredAt);
        await this.d.exams.filed(examId, a.position, roundId);
        filedAs.set(a.position, roundId);
      }
      // Every card an exam answer touched, read once inside the transaction: the report is built from them.
      const cards = new Map<string, Date>();
      for (const [position, asked] of exam.questions.entries()) {
        const response = exam.answers.find((a) => a.position === position)?.response ?? [];
        for (const { item } of itemsOfAnswer(asked.question, response, false)) {
          const card = await this.d.cards.card(actor, item);
          if (card) cards.set(itemKey(item), card.memory.due);
        }
      }
      const dueOf = (q: Question, response: readonly string[]) =>
        itemsOfAnswer(q, response, false).flatMap(({ item }) => {
          const due = cards.get(itemKey(item));
          return due ? [{ item, due }] : [];
        });
      return reportOf(exam, dueOf, filedAs);
    });
    if (!report) return refuse({ code: "NoExam" });
    this.d.logger.info("a mock exam was finished", { exam: report.exam, questions: report.total });
    return ok({ kind: "report", report });
  }

  /**
   * The exam's questions: single and select-all scenarios tagged for it and not held out, spread over services
   * (no service twice until every service has had one), in an order fixed by `seed`, each shuffled as shown.
   */
  private draw(exam: ExamId, count: number, seed: string, held: ReadonlySet<string>): ExamQuestion[] {
    const pool = this.d.bank.scenarios
      .filter((q) => q.exams?.includes(exam) && q.type !== "split" && !held.has(q.id))
      .map((q) => ({ q, key: stableHash(`${seed}:${q.id}`) }))
      .sort((a, b) => a.key - b.key);
    const picked: Question[] = [];
    const used = new Set<string>();
    while (picked.length < count && picked.length < pool.length) {
      const before = picked.length;
      for (const { q } of pool) {
        if (picked.length === count) break;
        const service = q.cells[0]?.service ?? "";
        if (picked.includes(q) || used.has(service)) continue;
        picked.push(q);
        used.add(service);
      }
      // Every service has had its turn: the next pass may take each once more.
      used.clear();
      if (picked.length === before) break;
    }
    return picked.map((q, i) => shown(q, `${seed}:${i}`));
  }
}

function runningFailure(exam: ExamRow): ExamFailure {
  return {
    code: "ExamRunning",
    exam: exam.exam,
    answered: exam.answers.length,
    total: exam.questions.length,
  };
}
