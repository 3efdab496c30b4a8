import type { ResponseProblem } from "../domain/question.js";
import type { Text } from "../domain/text.js";
import type { ExamFailure } from "./exam.js";
import type { FlagFailure } from "./flag.js";

/**
 * Every expected failure of a command (quiz, practice, schedule, settings), returned as a value and
 * turned into words by one table (failureCard in views/messages.ts).
 */
export type Failure =
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
  | { readonly code: "BadUsage"; readonly problem: Text; readonly usage: string }
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
  | ExamFailure
  | FlagFailure;

/** A use case's outcome: a value, or an expected failure. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: Failure };

/** A successful outcome. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** Another open round holds the channel: the store refused a second one (its unique index decided). */
export class ChannelRoundOpen extends Error {
  constructor(options?: ErrorOptions) {
    super("the channel already has an open round", options);
    this.name = "ChannelRoundOpen";
  }
}

/** A failed outcome. */
export function fail<T = never>(failure: Failure): Outcome<T> {
  return { ok: false, failure };
}
