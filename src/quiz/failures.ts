import type { ResponseProblem } from "../domain/question.js";
import type { Text } from "../domain/text.js";

/** Expected failures of quiz commands, returned as values and turned into words by one table. */
export type QuizFailure =
  | { readonly code: "NotAdmin"; readonly command: string }
  | { readonly code: "NoOpenRound" }
  | { readonly code: "RoundNotFound" }
  | { readonly code: "RoundClosed" }
  | { readonly code: "AlreadyAnswered"; readonly first: string; readonly at: Date }
  | { readonly code: "NotYourRound" }
  | { readonly code: "InvalidResponse"; readonly problem: ResponseProblem }
  | { readonly code: "RoundAlreadyOpen" }
  | { readonly code: "NoQuestions" }
  | { readonly code: "CompetitionRunning"; readonly name: string }
  | { readonly code: "CompetitionNameTaken"; readonly name: string }
  | { readonly code: "NoCompetition" }
  | { readonly code: "UnknownCompetition"; readonly name: string }
  | { readonly code: "UnknownCommand" }
  /** `usage` names the command (or group) in the registry whose usage is shown. */
  | { readonly code: "BadUsage"; readonly problem: Text; readonly usage: string };

/** A use case's outcome: a value, or an expected failure (a quiz failure unless another kind is named). */
export type Outcome<T, F = QuizFailure> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: F };

/** A successful outcome (of any failure kind). */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** A failed outcome. */
export function fail<T = never, F = QuizFailure>(failure: F): Outcome<T, F> {
  return { ok: false, failure };
}
