import type { ExamAnswer, ExamId, ExamQuestion, ExamRow } from "../domain/exam.js";
import type { Person } from "../domain/practice.js";
import type { ExamStore } from "../ports/exam-store.js";
import type { Db } from "./database.js";
import {
  examAnswerValues,
  examValues,
  type RawExam,
  type RawExamAnswer,
  toExam,
  toExamAnswer,
} from "./exam-rows.js";
import type { Sync } from "./sqlite-gate.js";

const MINE = "platform = ? AND workspace = ? AND user_id = ?";
const mine = (w: Person) => [w.platform, w.workspaceId, w.userId] as const;

/** Mock exams and their answers in SQLite. */
export class SqliteExamStore implements Sync<ExamStore> {
  private readonly q;

  constructor(db: Db) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      insert: p(
        "INSERT INTO exams (platform, workspace, user_id, display_name, exam, questions, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      running: p(
        `SELECT * FROM exams WHERE ${MINE} AND finished_at IS NULL AND abandoned_at IS NULL ORDER BY id DESC LIMIT 1`,
      ),
      byId: p("SELECT * FROM exams WHERE id = ?"),
      answers: p("SELECT * FROM exam_answers WHERE exam_id = ? ORDER BY position"),
      answer: p(
        "INSERT INTO exam_answers (exam_id, position, response, correct, answered_at) " +
          "SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM exams WHERE id = ? AND finished_at IS NULL AND abandoned_at IS NULL) " +
          "ON CONFLICT (exam_id, position) DO NOTHING",
      ),
      filed: p("UPDATE exam_answers SET round_id = ? WHERE exam_id = ? AND position = ?"),
      finish: p(
        "UPDATE exams SET finished_at = ? WHERE id = ? AND finished_at IS NULL AND abandoned_at IS NULL",
      ),
      abandon: p(
        "UPDATE exams SET abandoned_at = ? WHERE id = ? AND finished_at IS NULL AND abandoned_at IS NULL",
      ),
    };
  }

  /** Starts an exam; null when the person has one running already (the unique index decides). */
  start(
    who: Person,
    displayName: string,
    exam: ExamId,
    questions: readonly ExamQuestion[],
    at: Date,
  ): number | null {
    try {
      const info = this.q.insert.run(...examValues(who, displayName, exam, questions, at));
      return Number(info.lastInsertRowid);
    } catch (error) {
      if ((error as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE") return null;
      throw error;
    }
  }

  /** A person's running exam, if any. */
  running(who: Person): ExamRow | undefined {
    const raw = this.q.running.get(...mine(who)) as RawExam | undefined;
    return raw ? this.withAnswers(raw) : undefined;
  }

  /** The exam with this id. */
  get(id: number): ExamRow | undefined {
    const raw = this.q.byId.get(id) as RawExam | undefined;
    return raw ? this.withAnswers(raw) : undefined;
  }

  /** Saves an answer while the exam runs; false when that question was answered already or the exam ended. */
  answer(examId: number, a: ExamAnswer): boolean {
    const info = this.q.answer.run(...examAnswerValues(examId, a), examId);
    return info.changes === 1;
  }

  /** Remembers the private round an answer was filed as. */
  filed(examId: number, position: number, roundId: number): void {
    this.q.filed.run(roundId, examId, position);
  }

  /** Marks an exam finished; false when it had ended already. */
  finish(examId: number, at: Date): boolean {
    return this.q.finish.run(at.toISOString(), examId).changes === 1;
  }

  /** Marks an exam abandoned; false when it had ended already. */
  abandon(examId: number, at: Date): boolean {
    return this.q.abandon.run(at.toISOString(), examId).changes === 1;
  }

  private withAnswers(r: RawExam): ExamRow {
    return toExam(r, (this.q.answers.all(r.id) as RawExamAnswer[]).map(toExamAnswer));
  }
}
