import { OWNER_LABEL } from "../domain/matrix.js";
import { correctResponse, type Question, responseLabel } from "../domain/question.js";
import type { AnswerRow, RoundRow } from "../domain/round.js";
import { multiRule, typedAnswerHint } from "./answer-rules.js";
import type { Action, Card, Section } from "./card.js";
import { flagAction } from "./flag-ids.js";
import { sourcesLine } from "./lookup-view.js";
import { dutyPicker } from "./picks-view.js";

/** The button id of choosing `key` on round `roundId`: "answer:<round>:<key>", far under Discord's 100. */
export function answerActionId(roundId: number, key: string): string {
  return `answer:${roundId}:${key}`;
}

/** Reads a button id back; null when it is not a well-formed answer button. */
export function parseAnswerActionId(id: string): { roundId: number; key: string } | null {
  const m = /^answer:(\d{1,12}):([A-D])$/.exec(id);
  return m ? { roundId: Number(m[1]), key: m[2] as string } : null;
}

function questionSections(q: Question): Section[] {
  const sections: Section[] = [];
  if (q.scenario) sections.push({ text: q.scenario });
  sections.push({ text: q.prompt });
  if (q.type === "split") {
    sections.push({
      label: "Assign each duty to AWS or the customer",
      items: q.duties.map((d, i) => `${i + 1}. ${d.text}`),
    });
  } else {
    sections.push({ items: q.choices.map((c) => `${c.key}. ${c.text}`) });
    if (q.type === "multi") sections.push({ text: multiRule(q) });
  }
  return sections;
}

function actionsFor(round: RoundRow): Action[] {
  if (round.question.type !== "single") return [];
  return round.question.choices.map((c) => ({ id: answerActionId(round.id, c.key), label: c.key }));
}

/** The channel message of an open round: the question, one button per choice, and how many answered. */
export function openRoundCard(round: RoundRow, answered: number): Card {
  const hint = typedAnswerHint(round.question);
  return {
    accent: "neutral",
    title: "Question of the day",
    subtitle: difficultyLabel(round.question),
    sections: [...questionSections(round.question), ...(hint ? [{ text: hint }] : [])],
    actions: actionsFor(round),
    footer: `${answered} answered · answers stay hidden until the reveal · round ${round.id}`,
  };
}

/** The channel message of a round an admin withdrew: no answer, no choices, so it can be asked again. */
export function withdrawnCard(round: RoundRow): Card {
  return {
    accent: "neutral",
    title: "Question withdrawn",
    sections: [
      {
        text: "An admin withdrew this question. No points are given for it and its answer stays hidden, so it may be asked again another day.",
      },
    ],
    actions: [],
    footer: `round ${round.id}`,
  };
}

/** The button id of "Skip" or "I don't know" on a private round: "skip:<round>" or "idk:<round>". */
export function passActionId(roundId: number, how: PassKind): string {
  return `${how === "skip" ? "skip" : "idk"}:${roundId}`;
}

/** Reads a "Skip" or "I don't know" button id back; null when it is not well formed. */
export function parsePassActionId(id: string): { roundId: number; how: PassKind } | null {
  const m = /^(skip|idk):(\d{1,12})$/.exec(id);
  return m ? { roundId: Number(m[2]), how: m[1] === "skip" ? "skip" : "dont-know" } : null;
}

/** Passing on a private question: skip it (no card changes) or say "I don't know" (a miss). */
export type PassKind = "skip" | "dont-know";

/** A private question from /srm quiz. */
export function privateQuestionCard(round: RoundRow): Card {
  const hint = typedAnswerHint(round.question);
  const picker = dutyPicker(round);
  return {
    accent: "neutral",
    title: "Your practice question",
    subtitle: difficultyLabel(round.question),
    sections: [...questionSections(round.question), ...(hint ? [{ text: hint }] : [])],
    actions: [
      ...actionsFor(round),
      { id: passActionId(round.id, "skip"), label: "Skip" },
      { id: passActionId(round.id, "dont-know"), label: "I don't know" },
    ],
    ...(picker ? { picker } : {}),
    footer: `Counts in your stats, not in the channel's points · round ${round.id}`,
  };
}

function difficultyLabel(q: Question): string {
  return `${q.difficulty}${q.origin === "scenario" ? "" : " · drill"}`;
}

/** The private confirmation of a locked answer. */
export function lockedCard(q: Question, response: readonly string[]): Card {
  return {
    accent: "success",
    title: `Locked in: ${responseLabel(q, response)}`,
    sections: [
      { text: "Your answer is hidden from the channel until the reveal, and it cannot be changed." },
    ],
  };
}

/** The points one answer earned at the reveal. */
export function pointsOf(a: AnswerRow): number {
  return (a.basePoints ?? 0) + (a.streakBonus ?? 0) + (a.speedBonus ?? 0);
}

function explanationSections(q: Question): Section[] {
  const sections: Section[] = [];
  if (q.type === "split") {
    sections.push({
      label: "Duties",
      items: q.duties.map((d, i) => `${i + 1}. ${d.text}: ${OWNER_LABEL[d.owner]}. ${d.why}`),
    });
  } else {
    sections.push({
      label: "Why",
      items: q.choices.map((c) => `${c.key}${c.correct ? " (correct)" : ""}: ${c.why}`),
    });
  }
  sections.push({ text: q.explanation });
  return sections;
}

/** The reveal of a channel round: answer, explanation, split of answers, who got it right, points. */
export function revealCard(round: RoundRow, answers: readonly AnswerRow[]): Card {
  const q = round.question;
  const right = answers.filter((a) => a.correct);
  const split =
    q.type === "split"
      ? `${right.length} of ${answers.length} assigned every duty right`
      : q.choices
          .map((c) => `${c.key}: ${answers.filter((a) => a.response.includes(c.key)).length}`)
          .join(" · ");
  const scored = answers.filter((a) => pointsOf(a) > 0).sort((a, b) => pointsOf(b) - pointsOf(a));
  return {
    accent: "success",
    title: `Answer: ${correctResponse(q).join(", ")}`,
    subtitle: `${answers.length} answered · ${right.length} right`,
    sections: [
      { label: "Correct", text: answerText(q) },
      ...questionSections(q),
      ...explanationSections(q),
      { label: "How the channel answered", text: answers.length === 0 ? "Nobody answered." : split },
      ...(right.length > 0
        ? [{ label: "Right", text: firstOf(right.map((a) => a.displayName)).join(", ") }]
        : []),
      ...(scored.length > 0
        ? [
            {
              label: "Points",
              items: firstOf(scored.map((a) => `${a.displayName} +${pointsOf(a)}${bonusNote(a)}`)),
            },
          ]
        : []),
    ],
    actions: [flagAction(round.id)],
    footer: `${sourcesLine(q.sources)} · round ${round.id}`,
  };
}

/**
 * How many names a reveal lists before "and N more": hundreds of answerers would pass what Slack and Discord
 * take in one message (Slack refuses blocks past about 13,200 characters), and the reveal would never land.
 */
export const REVEAL_NAMES = 25;

/** The first REVEAL_NAMES entries, then "and N more" for the rest. */
function firstOf(names: readonly string[]): string[] {
  if (names.length <= REVEAL_NAMES) return [...names];
  return [...names.slice(0, REVEAL_NAMES), `and ${names.length - REVEAL_NAMES} more`];
}

function bonusNote(a: AnswerRow): string {
  const parts: string[] = [];
  if (a.streakBonus) parts.push(`streak +${a.streakBonus}`);
  if (a.speedBonus) parts.push(`speed +${a.speedBonus}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** The correct answer as a person reads it. */
export function answerText(q: Question): string {
  if (q.type === "split") return q.duties.map((d, i) => `${i + 1} ${OWNER_LABEL[d.owner]}`).join(", ");
  return correctResponse(q)
    .map((k) => `${k}. ${q.choices.find((c) => c.key === k)?.text ?? ""}`)
    .join("; ");
}

/** The private result of a /srm quiz answer: right or wrong, why, and the source. */
export function privateResultCard(round: RoundRow, answer: AnswerRow): Card {
  const q = round.question;
  if (answer.response.length === 0)
    return {
      accent: "warning",
      title: "Counted as a miss",
      subtitle: `the answer is ${answerText(q)}; it comes back soon`,
      sections: explanationSections(q),
      actions: [flagAction(round.id)],
      footer: sourcesLine(q.sources),
    };
  const partial =
    q.type === "split" && !answer.correct ? ` (${answer.rightParts} of ${answer.totalParts} duties)` : "";
  return {
    accent: answer.correct ? "success" : "warning",
    title: answer.correct ? "Right!" : `Not quite${partial}`,
    // A right answer is named once; a wrong one beside the answer it missed.
    subtitle: answer.correct
      ? `you answered ${answerText(q)}`
      : `you answered ${responseLabel(q, answer.response)}; the answer is ${answerText(q)}`,
    sections: explanationSections(q),
    actions: [flagAction(round.id)],
    footer: sourcesLine(q.sources),
  };
}

/** The channel cards of a round, as the round use cases ask for them. */
export const roundCards = { open: openRoundCard, reveal: revealCard, withdrawn: withdrawnCard };
