import { EXAM_IDS, EXAM_NAME } from "../domain/exam.js";
import type { MatrixNames } from "../domain/matrix.js";
import type { NewToday } from "../domain/practice.js";
import { cmd, say } from "../domain/text.js";
import { type Card, notice } from "./card.js";

const NEW_CARDS_10 = cmd("practice", { setting: "new-cards", value: "10" });

/** The most new cards a day a person may ask for. */
export const MAX_NEW_PER_DAY = 100;

/** "3 due and 10 new", "1 card due", "10 new cards": what a practice still has. */
export function practiceLeft(due: number, fresh: number): string {
  const dueText = `${due} ${due === 1 ? "card" : "cards"} due`;
  const newText = `${fresh} new ${fresh === 1 ? "card" : "cards"}`;
  if (fresh === 0) return dueText;
  if (due === 0) return newText;
  return `${due} due and ${newText}`;
}

/** A moment as a person reads it: "2026-03-03 09:00 UTC". */
function dayTime(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** What a practice says when nothing due and none of today's new cards are left. */
export function practiceDoneCard(nextDue: Date | null, today: NewToday | null): Card {
  const next = nextDue ? ` Your next card is due at ${dayTime(nextDue)}.` : "";
  if (!today) return notice("success", "Done for today", `Nothing is due.${next}`);
  if (today.limit === 0 && !nextDue)
    return notice(
      "neutral",
      "You have no cards yet, and new cards are off",
      say`Turn them on with ${NEW_CARDS_10}, or answer a question (${cmd("quiz")}): each one becomes a card.`,
    );
  const fresh =
    today.waiting === 0
      ? "You have met every card there is."
      : today.limit === 0
        ? say`New cards are off (${NEW_CARDS_10} turns them on).`
        : say`You have had ${String(today.introduced)} new ${today.introduced === 1 ? "card" : "cards"} today (your limit is ${String(today.limit)} a day: ${cmd("practice", { setting: "new-cards", value: "<n>" })} changes it). Tomorrow brings ${String(Math.min(today.limit, today.waiting))} new ${Math.min(today.limit, today.waiting) === 1 ? "card" : "cards"}.`;
  return notice(
    "success",
    "Done for today",
    say`Nothing more is due. ${fresh}${next} Come back then with ${cmd("practice")}.`,
  );
}

/** What `/srm practice new-cards <n>` did. */
export function newCardsSetCard(n: number, today: NewToday): Card {
  const left = Math.max(0, n - today.introduced);
  return notice(
    "success",
    n === 0 ? "New cards are off" : `${n} new ${n === 1 ? "card" : "cards"} a day`,
    n === 0
      ? say`${cmd("practice")} now asks only what is due. Turn new cards back on with ${NEW_CARDS_10}.`
      : say`You have had ${String(today.introduced)} today, so ${String(left)} more ${left === 1 ? "is" : "are"} waiting: ${cmd("practice")}.`,
  );
}

/** What `/srm practice path <path>` did. */
export function pathSetCard(path: string | null, matrix: MatrixNames): Card {
  const exam = EXAM_IDS.find((e) => e === path);
  const what =
    path === null
      ? "the default order: the model's own ideas first, then the services exams test most, then the rest"
      : exam
        ? `the questions written for ${EXAM_NAME[exam]}, easiest first, each after the cells it tests`
        : `${matrix.service(path)?.name ?? path}: its own cells, then its scenarios`;
  return notice(
    "neutral",
    "Your learning path",
    say`New cards now follow ${what}. ${cmd("practice", { setting: "path", value: "default" })} goes back.`,
  );
}
