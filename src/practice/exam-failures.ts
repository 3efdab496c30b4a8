import type { ExamId } from "../domain/exam.js";
import type { ResponseProblem } from "../domain/question.js";

/** How many questions a mock exam has unless the person says otherwise, and the bounds they may ask. */
export const EXAM_QUESTIONS = { default: 20, min: 5, max: 65 } as const;

/** A mock exam's questions and replies live under this channel id, whatever channel it was started in. */
export const EXAM_CHANNEL_ID = "exam";

/** Expected failures of mock exam commands, turned into words by one table in the exam view. */
export type ExamFailure =
  | { readonly code: "NotAnExam"; readonly text: string }
  | { readonly code: "BadQuestionCount"; readonly text: string }
  | { readonly code: "ExamRunning"; readonly exam: ExamId; readonly answered: number; readonly total: number }
  | { readonly code: "NoExam" }
  | { readonly code: "NotThisQuestion" }
  | { readonly code: "BadExamAnswer"; readonly problem: ResponseProblem };
