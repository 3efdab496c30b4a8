import type { ItemRef } from "./memory.js";
import type { Question, ResponseProblem } from "./question.js";

/** An AWS certification exam the bank's scenarios are tagged for. */
export type ExamId = "clf-c02" | "saa-c03" | "scs-c02";

/** Every exam, in the order replies list them. */
export const EXAM_IDS: readonly ExamId[] = ["clf-c02", "saa-c03", "scs-c02"];

/** What a person reads for an exam. */
export const EXAM_NAME: Readonly<Record<ExamId, string>> = {
  "clf-c02": "AWS Certified Cloud Practitioner (CLF-C02)",
  "saa-c03": "AWS Certified Solutions Architect – Associate (SAA-C03)",
  "scs-c02": "AWS Certified Security – Specialty (SCS-C02)",
};

/** The scaled score (100 to 1,000) each exam needs to pass, as AWS publishes it. */
export const PASS_MARK: Readonly<Record<ExamId, number>> = {
  "clf-c02": 700,
  "saa-c03": 720,
  "scs-c02": 750,
};

/** The exam a word names ("CLF-C02", "clf"), or null. */
export function examNamed(text: string): ExamId | null {
  const word = text.trim().toLowerCase();
  return EXAM_IDS.find((id) => id === word || id.slice(0, 3) === word) ?? null;
}

/**
 * A share of questions right mapped onto the exams' 100 to 1,000 scale, for comparing with a pass mark.
 * AWS's real scaled score is not a percentage (it is equated across exam forms); this is only a yardstick.
 */
export function scaledScore(right: number, total: number): number {
  return total === 0 ? 100 : Math.round(100 + (900 * right) / total);
}

/** How many questions a mock exam has unless the person says otherwise, and the bounds they may ask. */
export const EXAM_QUESTIONS = { default: 20, min: 5, max: 65 } as const;

/** A mock exam's answers are filed under this channel id, whatever channel it was started in. */
export const EXAM_CHANNEL_ID = "exam";

/** One question of a mock exam, exactly as shown (choices already in their shuffled order). */
export interface ExamQuestion {
  readonly question: Question;
  readonly choiceOrder: string | null;
}

/** A mock exam's answer to one of its questions. */
export interface ExamAnswer {
  readonly position: number;
  /** Choice letters as shown; empty when left blank. */
  readonly response: readonly string[];
  readonly correct: boolean;
  readonly answeredAt: Date;
}

/** A mock exam as stored. */
export interface ExamRow {
  readonly id: number;
  readonly userId: string;
  readonly displayName: string;
  readonly exam: ExamId;
  readonly questions: readonly ExamQuestion[];
  readonly answers: readonly ExamAnswer[];
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly abandonedAt: Date | null;
}

/** Expected failures of mock exam commands, turned into words by one table in the exam view. */
export type ExamFailure =
  | { readonly code: "NotAnExam"; readonly text: string }
  | { readonly code: "BadQuestionCount"; readonly text: string }
  | { readonly code: "ExamRunning"; readonly exam: ExamId; readonly answered: number; readonly total: number }
  | { readonly code: "NoExam" }
  | { readonly code: "NotThisQuestion" }
  | { readonly code: "BadExamAnswer"; readonly problem: ResponseProblem };

/** Right and asked, for one service or area. */
export interface Tally {
  readonly id: string;
  readonly right: number;
  readonly total: number;
}

/** A missed exam question: what was asked and what the person answered (empty when left blank). */
export interface ExamMiss {
  readonly position: number;
  /** The private round the answer was filed as, which the miss's Flag button names. */
  readonly roundId: number | null;
  readonly question: Question;
  readonly response: readonly string[];
}

/** What a finished mock exam reports. */
export interface ExamReport {
  readonly exam: ExamId;
  readonly total: number;
  readonly right: number;
  /** The share right on the exams' 100 to 1,000 scale. */
  readonly scaled: number;
  readonly passMark: number;
  readonly passed: boolean;
  /** Per service and per area the questions test, weakest first. */
  readonly byService: readonly Tally[];
  readonly byArea: readonly Tally[];
  readonly misses: readonly ExamMiss[];
  /** The cards the misses created or made due, and when each is due. */
  readonly cardsDue: readonly { readonly item: ItemRef; readonly due: Date }[];
}

/** What an exam command did: offer the exams, ask a question (after saving an answer), report, or abandon. */
export type ExamStep =
  | { readonly kind: "choose" }
  | {
      readonly kind: "question";
      readonly exam: ExamRow;
      readonly position: number;
      /** How many were answered when this answer was saved; null when nothing was just saved. */
      readonly saved: number | null;
    }
  | { readonly kind: "report"; readonly report: ExamReport }
  | { readonly kind: "abandoned"; readonly exam: ExamRow };
