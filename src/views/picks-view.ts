import { OWNER_LABEL } from "../domain/matrix.js";
import type { Question } from "../domain/question.js";
import type { RoundRow } from "../domain/round.js";
import { cmd, say } from "../domain/text.js";
import { type Card, notice, type Picker } from "./card.js";

/** The menu id of one duty of a split question: "duty:<round>:<duty>". */
export function dutyMenuId(roundId: number, duty: number): string {
  return `duty:${roundId}:${duty}`;
}

/** The id a duty's menu sends when an owner is chosen: "pick:<round>:<duty>:<aws|customer>". */
export function pickActionId(roundId: number, duty: number, owner: "aws" | "customer"): string {
  return `pick:${roundId}:${duty}:${owner}`;
}

/** Reads a chosen owner back; null when the id is not well formed. */
export function parsePickActionId(
  id: string,
): { roundId: number; duty: number; owner: "aws" | "customer" } | null {
  const m = /^pick:(\d{1,12}):(\d{1,2}):(aws|customer)$/.exec(id);
  return m ? { roundId: Number(m[1]), duty: Number(m[2]), owner: m[3] as "aws" | "customer" } : null;
}

/** The id of the Submit button under a split question's menus: "submit:<round>". */
export function submitActionId(roundId: number): string {
  return `submit:${roundId}`;
}

/** Reads a Submit id back; null when it is not well formed. */
export function parseSubmitActionId(id: string): { roundId: number } | null {
  const m = /^submit:(\d{1,12})$/.exec(id);
  return m ? { roundId: Number(m[1]) } : null;
}

/** A split question's menus: one per duty (AWS or Customer), then Submit. Null for other questions. */
export function dutyPicker(round: RoundRow): Picker | null {
  const q = round.question;
  if (q.type !== "split") return null;
  return {
    label: "Choose an owner for each duty, then Submit (or type the answer)",
    menus: q.duties.map((d, i) => ({
      id: dutyMenuId(round.id, i),
      placeholder: `${i + 1}. ${d.text}`,
      options: (["aws", "customer"] as const).map((owner) => ({
        id: pickActionId(round.id, i, owner),
        label: `${i + 1}: ${OWNER_LABEL[owner]}`,
      })),
    })),
    submit: { id: submitActionId(round.id), label: "Submit", style: "primary" },
  };
}

/** What one choice in a duty's menu did: nothing is locked until Submit. */
export function pickedCard(q: Question, duty: number, owner: "aws" | "customer", chosen: number): Card {
  const total = q.duties.length;
  return notice(
    "neutral",
    `Duty ${duty + 1}: ${OWNER_LABEL[owner]}`,
    chosen === total
      ? "Every duty has an owner: press Submit to answer. You can still change a choice until then."
      : `${chosen} of ${total} duties chosen. Nothing is answered until you press Submit.`,
  );
}

/** Submit pressed while some duties have no owner: names them; nothing is stored. */
export function dutiesMissingCard(q: Question, missing: readonly number[]): Card {
  const named = missing.map((i) => `${i + 1}. ${q.duties[i]?.text ?? ""}`);
  return {
    accent: "warning",
    title:
      missing.length === 1
        ? `Duty ${(missing[0] ?? 0) + 1} has no owner yet`
        : `${missing.length} duties have no owner yet`,
    sections: [
      { items: named },
      { text: "Choose AWS or Customer in each one's menu, then Submit. Nothing was stored." },
    ],
  };
}

/** A menu or Submit on a question that is no longer the person's open question. */
export const pickNotOpenCard: Card = notice(
  "neutral",
  "That question is not open for you",
  say`Its menus work only while it is your open question; ${cmd("quiz")} asks another.`,
);
