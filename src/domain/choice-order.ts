import { stableHash } from "./hash.js";
import { CHOICE_KEYS, type Choice, type Question } from "./question.js";

/** A choice's text that points at other choices ("All of the above", "Both A and B"): it must keep its place. */
const REFERS_TO_CHOICES =
  /\b(all|none|neither|both|any) of the (above|others|choices|options)\b|\b(both|neither|either)\s+[A-D]\s+(and|or|nor)\s+[A-D]\b|\b[A-D]\s+(and|or)\s+[A-D]\b/i;

/** A choice that names other choices by letter ("Both A and B"). */
const NAMES_LETTERS = /\b[A-D]\s+(and|or|nor)\s+[A-D]\b/;

/** "choice B", "options A and C", "(D)": a letter that would name another choice once they are shuffled. */
const LETTER_REFERENCE = /\b(choice|option|answer)s?\s+[A-D]\b|\([A-D]\)/i;

/** Whether an explanation names a choice by its letter, which shuffling would make wrong. */
export function namesChoiceByLetter(text: string): boolean {
  return LETTER_REFERENCE.test(text);
}

/** Whether a choice's text refers to the other choices, so it may not move. */
export function refersToChoices(text: string): boolean {
  return REFERS_TO_CHOICES.test(text);
}

/** A small seeded random source (mulberry32): the same seed gives the same draws on every run. */
export function seededRandom(seed: string): () => number {
  let a = stableHash(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The order a question's choices are shown in, as the question's own keys, from a seed: fixed choices
 * ("All of the above") keep their place, the others are shuffled among the remaining places. A question
 * with a choice naming others by letter ("Both A and B") is never shuffled, so the letters keep meaning.
 */
export function shuffledOrder(question: Question, seed: string): string[] {
  const keys = question.choices.map((c) => c.key);
  if (question.choices.some((c) => c.fixed === true && NAMES_LETTERS.test(c.text))) return keys;
  const movable = question.choices.flatMap((c, i) => (c.fixed === true ? [] : [i]));
  const random = seededRandom(seed);
  const drawn = movable.map((i) => keys[i] as string);
  for (let i = drawn.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [drawn[i], drawn[j]] = [drawn[j] as string, drawn[i] as string];
  }
  const order = [...keys];
  movable.forEach((place, n) => {
    order[place] = drawn[n] as string;
  });
  return order;
}

/**
 * The question as shown in an order from `shuffledOrder`: its choices in that order, lettered A, B, ...
 * again, so every letter a person sees, types or reads in the reveal is the displayed one.
 */
export function inOrder(question: Question, order: readonly string[]): Question {
  if (question.type === "split") return question;
  const byKey = new Map(question.choices.map((c) => [c.key, c]));
  const choices: Choice[] = order.map((key, i) => {
    const choice = byKey.get(key);
    if (!choice) throw new Error(`choice order names "${key}", which question ${question.id} does not have`);
    return { ...choice, key: CHOICE_KEYS[i] as string };
  });
  if (choices.length !== question.choices.length)
    throw new Error(
      `choice order of ${question.id} has ${choices.length} choices, not ${question.choices.length}`,
    );
  return { ...question, choices };
}
