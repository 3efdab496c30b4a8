import { fail, type Outcome, type QuizFailure } from "../quiz/failures.js";

/** Expected failures of practice commands, returned as values and turned into words by one table. */
export type PracticeFailure =
  | { readonly code: "NoAnswerToRate" }
  | { readonly code: "SureOnlyPrivate" }
  | { readonly code: "SureAfterWrong" }
  | { readonly code: "SureTooLate" }
  | { readonly code: "NotACell"; readonly text: string }
  | { readonly code: "NotAService"; readonly text: string }
  | { readonly code: "NoQuestionToPass" }
  | { readonly code: "NoSession" }
  | { readonly code: "NotAPath"; readonly text: string }
  | { readonly code: "BadNewCards"; readonly text: string }
  | { readonly code: "Quiz"; readonly failure: QuizFailure };

/** A practice use case's outcome: a value, or an expected failure. */
export type PracticeOutcome<T> = Outcome<T, PracticeFailure>;

export { ok } from "../quiz/failures.js";

/** A failed outcome. */
export function refuse<T = never>(failure: PracticeFailure): PracticeOutcome<T> {
  return fail<T, PracticeFailure>(failure);
}
