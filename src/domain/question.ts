import type { ExamId } from "./exam.js";
import type { Owner } from "./matrix.js";

/** A matrix cell a question tests: service/area, optionally under one of its conditions. */
export interface CellRef {
  readonly service: string;
  readonly area: string;
  readonly condition?: string;
}

/** One choice of a single or multi question. */
export interface Choice {
  /** "A", "B", ... in the order shown. */
  readonly key: string;
  readonly text: string;
  readonly correct: boolean;
  /** Why this choice is right, or why it is wrong. */
  readonly why: string;
  /** Keeps its place when the choices are shuffled ("All of the above"). */
  readonly fixed?: boolean;
}

/** One duty of a "split the duties" question, to be assigned to AWS or the customer. */
export interface Duty {
  readonly text: string;
  readonly owner: Exclude<Owner, "shared">;
  readonly why: string;
  readonly cell: CellRef;
}

/** How a question is answered. */
export type QuestionType = "single" | "multi" | "split";

/** How hard a question is. */
export type Difficulty = "easy" | "medium" | "hard";

/** A question as the engine asks it: a scenario from questions/, or a drill generated from the matrix. */
export interface Question {
  readonly id: string;
  readonly origin: "scenario" | "drill" | "contrast";
  readonly type: QuestionType;
  readonly difficulty: Difficulty;
  readonly scenario?: string;
  readonly prompt: string;
  readonly choices: readonly Choice[];
  readonly duties: readonly Duty[];
  readonly explanation: string;
  readonly sources: readonly string[];
  /** The exams a scenario is written for; absent on generated drills. */
  readonly exams?: readonly ExamId[];
  /** The cells the question tests; the first is its main cell. */
  readonly cells: readonly CellRef[];
}

/** What a person answered: choice keys, or one owner per duty. */
export type Response = readonly string[];

/** The stored response of an "I don't know": no choice at all, which no typed answer can be. */
export const DONT_KNOW: Response = [];

/** How an answer scored against its question. */
export interface Grade {
  readonly rightParts: number;
  readonly totalParts: number;
  readonly correct: boolean;
}

/** The letters of the choices, in order. */
export const CHOICE_KEYS = ["A", "B", "C", "D"] as const;

/** Why a response cannot be graded; nothing is stored and the person may answer again. */
export type ResponseProblem =
  | { readonly kind: "empty" }
  | {
      readonly kind: "count";
      readonly unit: "choice" | "owner";
      readonly expected: number;
      readonly given: number;
    }
  | { readonly kind: "not-a-choice"; readonly given: string; readonly keys: readonly string[] }
  | { readonly kind: "repeated"; readonly given: string }
  | { readonly kind: "not-an-owner"; readonly given: string };

const COUNT_WORDS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4 };

/**
 * How many choices a question asks for: one for single, the number its prompt names for multi
 * ("Select TWO"), null when a multi question leaves it open or for split questions.
 */
export function choicesToMake(question: Question): number | null {
  if (question.type === "single") return 1;
  if (question.type === "split") return null;
  const m = /\b(?:select|choose)\s+(one|two|three|four|[1-4])\b/i.exec(question.prompt);
  if (!m) return null;
  const word = (m[1] as string).toLowerCase();
  return COUNT_WORDS[word] ?? Number(word);
}

/** Checks a response's form; returns what is wrong, or null when it can be graded. */
export function responseProblem(question: Question, response: Response): ResponseProblem | null {
  if (question.type === "split") {
    if (response.length !== question.duties.length)
      return { kind: "count", unit: "owner", expected: question.duties.length, given: response.length };
    const bad = response.find((r) => r !== "aws" && r !== "customer");
    return bad === undefined ? null : { kind: "not-an-owner", given: bad };
  }
  const keys = question.choices.map((c) => c.key);
  if (response.length === 0) return { kind: "empty" };
  const bad = response.find((r) => !keys.includes(r));
  if (bad !== undefined) return { kind: "not-a-choice", given: bad, keys };
  const repeated = response.find((r, i) => response.indexOf(r) !== i);
  if (repeated !== undefined) return { kind: "repeated", given: repeated };
  const expected = choicesToMake(question);
  if (expected !== null && response.length !== expected)
    return { kind: "count", unit: "choice", expected, given: response.length };
  return null;
}

/** Normalizes a response: choice letters upper-cased and sorted for multi; owners lower-cased. */
export function normalizeResponse(question: Question, response: Response): string[] {
  if (question.type === "split") return response.map((r) => r.trim().toLowerCase());
  const keys = response.map((r) => r.trim().toUpperCase());
  return question.type === "multi" ? [...keys].sort() : keys;
}

/** Grades a well-formed response. */
export function grade(question: Question, response: Response): Grade {
  if (question.type === "split") {
    const right = question.duties.filter((d, i) => response[i] === d.owner).length;
    return {
      rightParts: right,
      totalParts: question.duties.length,
      correct: right === question.duties.length,
    };
  }
  const correctKeys = question.choices
    .filter((c) => c.correct)
    .map((c) => c.key)
    .sort();
  const given = [...response].sort();
  const correct = correctKeys.length === given.length && correctKeys.every((k, i) => k === given[i]);
  return { rightParts: correct ? 1 : 0, totalParts: 1, correct };
}

/** The correct response of a question, as a person would read it. */
export function correctResponse(question: Question): string[] {
  if (question.type === "split") return question.duties.map((d) => d.owner);
  return question.choices.filter((c) => c.correct).map((c) => c.key);
}

/** How a response reads to a person: "B", "A, C", or "AWS, Customer, AWS". */
export function responseLabel(q: Question, response: readonly string[]): string {
  if (response.length === 0) return "I don't know";
  if (q.type === "split") return response.map((r) => (r === "aws" ? "AWS" : "Customer")).join(", ");
  return response.join(", ");
}
