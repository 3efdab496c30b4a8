import type { ExamAnswer, ExamId, ExamQuestion, ExamRow } from "../domain/exam.js";
import type { Person } from "../domain/practice.js";

/** An exam's row as both engines return it. */
export interface RawExam {
  id: number;
  user_id: string;
  display_name: string;
  exam: ExamId;
  questions: string;
  started_at: string;
  finished_at: string | null;
  abandoned_at: string | null;
}

/** An exam answer's row as both engines return it. */
export interface RawExamAnswer {
  position: number;
  response: string;
  correct: number;
  answered_at: string;
}

/** The values of a new exam's row, in column order from `platform` to `started_at`. */
export function examValues(
  who: Person,
  displayName: string,
  exam: ExamId,
  questions: readonly ExamQuestion[],
  at: Date,
) {
  return [
    who.platform,
    who.workspaceId,
    who.userId,
    displayName,
    exam,
    JSON.stringify(questions),
    at.toISOString(),
  ];
}

/** The values of an exam answer's row, in column order from `exam_id` to `answered_at`. */
export function examAnswerValues(examId: number, a: ExamAnswer) {
  return [examId, a.position, JSON.stringify(a.response), a.correct ? 1 : 0, a.answeredAt.toISOString()];
}

/** An exam answer from its row. */
export function toExamAnswer(a: RawExamAnswer): ExamAnswer {
  return {
    position: a.position,
    response: JSON.parse(a.response) as string[],
    correct: a.correct === 1,
    answeredAt: new Date(a.answered_at),
  };
}

/** An exam from its row and its answers by position. */
export function toExam(r: RawExam, answers: ExamAnswer[]): ExamRow {
  return {
    // A bigint column on PostgreSQL; both engines hand it over as a number, so Number() only guards the type.
    id: Number(r.id),
    userId: r.user_id,
    displayName: r.display_name,
    exam: r.exam,
    questions: JSON.parse(r.questions) as ExamQuestion[],
    answers,
    startedAt: new Date(r.started_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    abandonedAt: r.abandoned_at ? new Date(r.abandoned_at) : null,
  };
}
