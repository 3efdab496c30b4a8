import type { AskHistory } from "../bank/question-bank.js";
import { inOrder, shuffledOrder } from "../domain/choice-order.js";
import type { Question, QuestionType } from "../domain/question.js";

/**
 * What /srm quiz asks, ask after ask: scenarios (single, split the duties, select all) in seven of ten,
 * generated drills between them, and a split question as early as the second ask.
 */
const QUIZ_MIX = [
  "single",
  "split",
  "drill",
  "multi",
  "single",
  "drill",
  "split",
  "single",
  "drill",
  "multi",
] as const;

/** The kind of question a person's next /srm quiz asks, from how many private questions they were asked. */
export function quizSlot(history: AskHistory): QuestionType | "drill" {
  return QUIZ_MIX[askedCount(history) % QUIZ_MIX.length] ?? "single";
}

/** The question as it will be shown (choices shuffled from `seed`), and the order to store with the round. */
export function shown(question: Question, seed: string): { question: Question; choiceOrder: string | null } {
  if (question.type === "split") return { question, choiceOrder: null };
  const order = shuffledOrder(question, `${seed}:${question.id}`);
  return { question: inOrder(question, order), choiceOrder: order.join("") };
}

/** How many questions a history holds in all: it tells one ask of the same question from the next. */
export function askedCount(history: AskHistory): number {
  let n = 0;
  for (const count of history.counts.values()) n += count;
  return n;
}
