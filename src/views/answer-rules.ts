import { CHOICE_KEYS, choicesToMake, type Question, type ResponseProblem } from "../domain/question.js";
import { type CommandRef, cmd, say, type Text } from "../domain/text.js";

const NUMBER_WORDS = ["no", "one", "two", "three", "four"] as const;

/** A small count as a person reads it: "two"; larger ones stay digits. */
export function countWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

/** An example answer with `n` letters: "A", "A C", "A B D"; never a hint at the key. */
function exampleLetters(n: number): string {
  const spread: Readonly<Record<number, readonly string[]>> = { 1: ["B"], 2: ["A", "C"], 3: ["A", "B", "D"] };
  return (spread[n] ?? CHOICE_KEYS.slice(0, n)).join(" ");
}

/** An example split answer for `n` duties: "aws customer aws ...". */
function exampleOwners(n: number): string {
  return Array.from({ length: n }, (_, i) => (i % 2 ? "customer" : "aws")).join(" ");
}

/** What a refused answer got wrong and how to answer instead, in one or two sentences. */
export function responseProblemText(p: ResponseProblem): Text {
  switch (p.kind) {
    case "empty":
      return say`Choose an answer, e.g. ${answer("B")}.`;
    case "not-a-choice":
      return `"${p.given}" is not one of the choices (${p.keys.join(", ")}).`;
    case "repeated":
      return `You gave ${p.given} twice; give each letter once.`;
    case "not-an-owner":
      return `"${p.given}" is not an owner; each duty is aws or customer.`;
    case "count":
      if (p.unit === "owner")
        return say`This question has ${p.expected} duties; you gave ${p.given} ${p.given === 1 ? "owner" : "owners"}. Answer with one owner per duty, in order, e.g. ${answer(exampleOwners(p.expected))}.`;
      return say`This question asks for exactly ${p.expected} ${p.expected === 1 ? "choice" : "choices"}; you gave ${p.given}. Answer with ${countWord(p.expected)} ${p.expected === 1 ? "letter" : "letters"}, e.g. ${answer(exampleLetters(p.expected))}.`;
  }
}

/** How a person answers a question that has no buttons (multi and split), in every front end. */
export function typedAnswerHint(q: Question): Text | null {
  if (q.type === "multi") {
    const n = choicesToMake(q);
    if (n !== null)
      return say`Answer with ${cmd("answer")} and exactly ${countWord(n)} letters, e.g. ${answer(exampleLetters(n))}.`;
    return say`Answer with ${cmd("answer")} followed by every letter you choose, e.g. ${answer("A C")}.`;
  }
  if (q.type === "split")
    return say`Answer with ${cmd("answer")} and one owner per duty, in order, e.g. ${answer(exampleOwners(q.duties.length))}.`;
  return null;
}

/** The line under a multi question's choices: how many to choose, when the question says so. */
export function multiRule(q: Question): string {
  const n = choicesToMake(q);
  return n === null ? "Select all that apply." : `Select exactly ${countWord(n)}.`;
}

/** `/srm answer <choice>` as a reference. */
function answer(choice: string): CommandRef {
  return cmd("answer", { choice });
}
