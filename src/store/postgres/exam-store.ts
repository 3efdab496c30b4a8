import type { ExamAnswer, ExamId, ExamQuestion, ExamRow } from "../../domain/exam.js";
import type { Person } from "../../domain/practice.js";
import type { ExamStore } from "../../ports/exam-store.js";
import {
  examAnswerValues,
  examValues,
  type RawExam,
  type RawExamAnswer,
  toExam,
  toExamAnswer,
} from "../exam-rows.js";
import type { PgDb } from "./db.js";

/** An exam's row with its answers as a JSON array, read in the same statement as the exam. */
interface RawExamWithAnswers extends RawExam {
  answers: string;
}

/** An exam with its answers, by position, in one statement: one snapshot, whatever another replica writes. */
const EXAM =
  "SELECT e.id, e.user_id, e.display_name, e.exam, e.questions, e.started_at, e.finished_at, e.abandoned_at, " +
  "(SELECT COALESCE(json_agg(json_build_object('position', a.position, 'response', a.response, 'correct', a.correct, " +
  "'answered_at', a.answered_at) ORDER BY a.position), '[]')::text FROM exam_answers a WHERE a.exam_id = e.id) AS answers " +
  "FROM exams e";
const RUNNING = "e.finished_at IS NULL AND e.abandoned_at IS NULL";

/** Mock exams and their answers in PostgreSQL. */
export class PgExamStore implements ExamStore {
  constructor(private readonly db: PgDb) {}

  /** Starts an exam; null when the person has one running already (the unique index decides). */
  async start(
    who: Person,
    displayName: string,
    exam: ExamId,
    questions: readonly ExamQuestion[],
    at: Date,
  ): Promise<number | null> {
    // DO NOTHING instead of catching the unique violation: a failed statement would end the caller's transaction.
    const row = await this.db.one<{ id: number }>(
      "INSERT INTO exams (platform, workspace, user_id, display_name, exam, questions, started_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id",
      examValues(who, displayName, exam, questions, at),
    );
    return row ? Number(row.id) : null;
  }

  /** A person's running exam, if any. */
  async running(who: Person): Promise<ExamRow | undefined> {
    const raw = await this.db.one<RawExamWithAnswers>(
      `${EXAM} WHERE e.platform = $1 AND e.workspace = $2 AND e.user_id = $3 AND ${RUNNING} ORDER BY e.id DESC LIMIT 1`,
      [who.platform, who.workspaceId, who.userId],
    );
    return raw ? withAnswers(raw) : undefined;
  }

  /** The exam with this id. */
  async get(id: number): Promise<ExamRow | undefined> {
    const raw = await this.db.one<RawExamWithAnswers>(`${EXAM} WHERE e.id = $1`, [id]);
    return raw ? withAnswers(raw) : undefined;
  }

  /** Saves an answer while the exam runs; false when that question was answered already or the exam ended. */
  async answer(examId: number, a: ExamAnswer): Promise<boolean> {
    const added = await this.db.run(
      "INSERT INTO exam_answers (exam_id, position, response, correct, answered_at) " +
        "SELECT $1::bigint, $2::integer, $3::text, $4::integer, $5::text " +
        // FOR SHARE orders it with a finish or abandon on another replica: one waits for the other to commit.
        `WHERE EXISTS (SELECT 1 FROM exams e WHERE e.id = $1 AND ${RUNNING} FOR SHARE) ` +
        "ON CONFLICT (exam_id, position) DO NOTHING",
      examAnswerValues(examId, a),
    );
    return added === 1;
  }

  /** Remembers the private round an answer was filed as. */
  async filed(examId: number, position: number, roundId: number): Promise<void> {
    await this.db.run("UPDATE exam_answers SET round_id = $1 WHERE exam_id = $2 AND position = $3", [
      roundId,
      examId,
      position,
    ]);
  }

  /** Marks an exam finished; false when it had ended already. */
  async finish(examId: number, at: Date): Promise<boolean> {
    const changed = await this.db.run(
      "UPDATE exams SET finished_at = $1 WHERE id = $2 AND finished_at IS NULL AND abandoned_at IS NULL",
      [at.toISOString(), examId],
    );
    return changed === 1;
  }

  /** Marks an exam abandoned; false when it had ended already. */
  async abandon(examId: number, at: Date): Promise<boolean> {
    const changed = await this.db.run(
      "UPDATE exams SET abandoned_at = $1 WHERE id = $2 AND finished_at IS NULL AND abandoned_at IS NULL",
      [at.toISOString(), examId],
    );
    return changed === 1;
  }
}

function withAnswers(r: RawExamWithAnswers): ExamRow {
  return toExam(r, (JSON.parse(r.answers) as RawExamAnswer[]).map(toExamAnswer));
}
