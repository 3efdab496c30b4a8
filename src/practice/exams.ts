import type { QuestionBank } from "../bank/question-bank.js";
import { type ExamId, examNamed } from "../domain/exam.js";
import { stableHash } from "../domain/hash.js";
import { grade, normalizeResponse, type Question, responseProblem } from "../domain/question.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import type { Actor, Clock, Logger } from "../ports.js";
import { shown } from "../quiz/asking.js";
import type { RoundService } from "../quiz/rounds.js";
import type { ExamQuestion, ExamRow, ExamStore } from "../store/exam-store.js";
import type { PracticeStore } from "../store/practice-store.js";
import { privateReply, type Reply } from "../views/card.js";
import {
  abandonedCard,
  examChoiceCard,
  examFailureCard,
  examQuestionCard,
  examReportCard,
  parseExamActionId,
  savedCard,
} from "../views/exam-view.js";
import { EXAM_CHANNEL_ID, EXAM_QUESTIONS, type ExamFailure } from "./exam-failures.js";
import { type ExamReport, reportOf } from "./exam-report.js";
import { itemsOfAnswer } from "./items.js";

/** What mock exams need. */
export interface MockExamDeps {
  readonly exams: ExamStore;
  readonly cards: PracticeStore;
  readonly rounds: RoundService;
  readonly bank: QuestionBank;
  readonly matrix: OwnershipMatrix;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The questions a workspace holds out of rotation (flagged by several people, unresolved). */
  readonly heldOut?: (platform: Actor["platform"], workspace: string) => ReadonlySet<string>;
}

/**
 * Private mock exams: N questions tagged for one exam, asked one at a time with no feedback until the end.
 * Stored as they go, so an exam survives a restart; at the end every answer is filed as a private round,
 * so it counts in the person's stats and cards and never in a channel's points.
 */
export class MockExams {
  constructor(private readonly d: MockExamDeps) {}

  /** `/srm exam [clf-c02|saa-c03|scs-c02] [questions]`: starts one; with no exam named, offers the three. */
  start(actor: Actor, examText: string | null, countText: string | null): Reply {
    const running = this.d.exams.running(actor);
    if (running) return this.refuse(runningFailure(running));
    if (examText === null || examText.trim() === "") return privateReply(examChoiceCard());
    const exam = examNamed(examText);
    if (!exam) return this.refuse({ code: "NotAnExam", text: examText });
    const count = countText === null || countText.trim() === "" ? EXAM_QUESTIONS.default : Number(countText);
    if (!Number.isInteger(count) || count < EXAM_QUESTIONS.min || count > EXAM_QUESTIONS.max)
      return this.refuse({ code: "BadQuestionCount", text: countText ?? "" });
    const now = this.d.clock.now();
    const held = this.d.heldOut?.(actor.platform, actor.workspaceId) ?? new Set<string>();
    const questions = this.draw(exam, count, `${actor.platform}:${actor.userId}:${now.toISOString()}`, held);
    // A second start at the same moment (a double click) finds the first one's exam: it is shown instead.
    this.d.exams.start(actor, actor.displayName, exam, questions, now);
    return this.current(actor);
  }

  /** `/srm exam resume`: the running exam's next question. */
  resume(actor: Actor): Reply {
    return this.current(actor);
  }

  /** `/srm exam abandon`: ends the running exam; its answers are not counted anywhere. */
  abandon(actor: Actor): Reply {
    const running = this.d.exams.running(actor);
    if (!running || !this.d.exams.abandon(running.id, this.d.clock.now()))
      return this.refuse({ code: "NoExam" });
    this.d.logger.info("a mock exam was abandoned", { exam: running.exam, answered: running.answers.length });
    return privateReply(abandonedCard(running));
  }

  /** `/srm exam answer <letters>`: answers the running exam's current question (empty: leave it blank). */
  answer(actor: Actor, response: readonly string[], position: number | null = null): Reply {
    const exam = this.d.exams.running(actor);
    if (!exam) return this.refuse({ code: "NoExam" });
    const at = exam.answers.length;
    // A button of a question already answered (pressed twice, or an old message) is not this question.
    if (position !== null && position !== at) return this.refuse({ code: "NotThisQuestion" });
    const asked = exam.questions[at];
    if (!asked) return this.current(actor);
    const normal = normalizeResponse(asked.question, response);
    if (normal.length > 0) {
      const problem = responseProblem(asked.question, normal);
      if (problem) return this.refuse({ code: "BadExamAnswer", problem });
    }
    const correct = normal.length > 0 && grade(asked.question, normal).correct;
    const now = this.d.clock.now();
    if (!this.d.exams.answer(exam.id, { position: at, response: normal, correct, answeredAt: now }))
      return this.current(actor);
    if (at + 1 < exam.questions.length)
      return privateReply(savedCard(at + 1, exam.questions.length), ...this.current(actor).cards);
    return this.finish(actor, exam.id);
  }

  /** A pressed exam button; null when the id is not one of the exam's. */
  press(actionId: string, actor: Actor): Reply | null {
    const parsed = parseExamActionId(actionId);
    if (!parsed) return null;
    if (parsed.kind === "start") return this.start(actor, parsed.exam, null);
    const exam = this.d.exams.running(actor);
    if (!exam || exam.id !== parsed.examId) return this.refuse({ code: "NotThisQuestion" });
    return this.answer(actor, parsed.key === null ? [] : [parsed.key], parsed.position);
  }

  private current(actor: Actor): Reply {
    const exam = this.d.exams.running(actor);
    if (!exam) return this.refuse({ code: "NoExam" });
    const position = exam.answers.length;
    const asked = exam.questions[position];
    if (!asked) return this.finish(actor, exam.id);
    return privateReply(examQuestionCard(exam, position, asked.question));
  }

  /** Files every answer as a private round (stats and cards), ends the exam, and reports. */
  private finish(actor: Actor, examId: number): Reply {
    const channel = { platform: actor.platform, workspaceId: actor.workspaceId, channelId: EXAM_CHANNEL_ID };
    const report = this.d.exams.transaction((): ExamReport | null => {
      const exam = this.d.exams.get(examId);
      if (!exam || !this.d.exams.finish(examId, this.d.clock.now())) return null;
      const filedAs = new Map<number, number>();
      for (const a of exam.answers) {
        const asked = exam.questions[a.position];
        if (!asked) continue;
        const roundId = this.d.rounds.fileAnswer(actor, channel, asked, a.response, a.answeredAt);
        this.d.exams.filed(examId, a.position, roundId);
        filedAs.set(a.position, roundId);
      }
      const dueOf = (q: Question, response: readonly string[]) =>
        itemsOfAnswer(q, response, false).flatMap(({ item }) => {
          const card = this.d.cards.card(actor, item);
          return card ? [{ item, due: card.memory.due }] : [];
        });
      return reportOf(exam, dueOf, filedAs);
    });
    if (!report) return this.refuse({ code: "NoExam" });
    this.d.logger.info("a mock exam was finished", { exam: report.exam, questions: report.total });
    return privateReply(examReportCard(report, this.d.matrix));
  }

  /**
   * The exam's questions: single and select-all scenarios tagged for it and not held out, spread over services (no service
   * twice until every service has had one), in an order fixed by `seed`, each shuffled as it will be shown.
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

  private refuse(failure: ExamFailure): Reply {
    return privateReply(examFailureCard(failure));
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
