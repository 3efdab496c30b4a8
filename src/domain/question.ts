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
  /** The cells the question tests; the first is its main cell. */
  readonly cells: readonly CellRef[];
}

/** What a person answered: choice keys, or one owner per duty. */
export type Response = readonly string[];

/** How an answer scored against its question. */
export interface Grade {
  readonly rightParts: number;
  readonly totalParts: number;
  readonly correct: boolean;
}

/** The letters of the choices, in order. */
export const CHOICE_KEYS = ["A", "B", "C", "D"] as const;

/** Checks a response's form; returns what is wrong, or null when it can be graded. */
export function responseProblem(question: Question, response: Response): string | null {
  if (question.type === "split") {
    if (response.length !== question.duties.length)
      return `give one owner for each of the ${question.duties.length} duties (aws or customer), in order`;
    const bad = response.find((r) => r !== "aws" && r !== "customer");
    return bad === undefined ? null : `"${bad}" is not an owner; each duty is aws or customer`;
  }
  const keys = new Set(question.choices.map((c) => c.key));
  if (response.length === 0) return "choose an answer";
  const bad = response.find((r) => !keys.has(r));
  if (bad !== undefined) return `"${bad}" is not one of the choices (${[...keys].join(", ")})`;
  if (new Set(response).size !== response.length) return "a choice is given twice";
  if (question.type === "single" && response.length !== 1) return "choose exactly one answer";
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
