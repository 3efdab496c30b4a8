import type { ExamAnswer, ExamId, ExamQuestion, ExamRow } from "../domain/exam.js";
import type { Person } from "../domain/practice.js";

/** Mock exams and their answers, stored. */
export interface ExamStore {
  /** Starts an exam; null when the person has one running already. */
  start(
    who: Person,
    displayName: string,
    exam: ExamId,
    questions: readonly ExamQuestion[],
    at: Date,
  ): Promise<number | null>;
  /** A person's running exam, if any. */
  running(who: Person): Promise<ExamRow | undefined>;
  /** The exam with this id. */
  get(id: number): Promise<ExamRow | undefined>;
  /** Saves an answer while the exam runs; false when that question was answered already or the exam ended. */
  answer(examId: number, a: ExamAnswer): Promise<boolean>;
  /** Remembers the private round an answer was filed as. */
  filed(examId: number, position: number, roundId: number): Promise<void>;
  /** Marks an exam finished; false when it had ended already. */
  finish(examId: number, at: Date): Promise<boolean>;
  /** Marks an exam abandoned; false when it had ended already. */
  abandon(examId: number, at: Date): Promise<boolean>;
}
