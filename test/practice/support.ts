import { TEXT_SYNTAX } from "../../src/commands/index.js";
import type { Actor } from "../../src/ports.js";
import { renderPlain } from "../../src/views/plain.js";
import type { memoryApp } from "../support/app.js";

type TestApp = ReturnType<typeof memoryApp>;

/** One day in milliseconds. */
export const DAY = 86_400_000;

interface StoredQuestion {
  id: string;
  type: "single" | "multi" | "split";
  choices: { key: string; correct: boolean }[];
  duties: { owner: "aws" | "customer" }[];
  cells: { service: string; area: string }[];
}

/** A person's open private round and its question, as stored. */
export function openPrivate(app: TestApp, who: Actor): { id: number; question: StoredQuestion } | null {
  const row = app.db
    .prepare(
      "SELECT id, question_json FROM rounds WHERE kind = 'private' AND status = 'open' AND platform = ? AND workspace = ? AND player = ?",
    )
    .get(who.platform, who.workspaceId, who.userId) as { id: number; question_json: string } | undefined;
  return row ? { id: row.id, question: JSON.parse(row.question_json) as StoredQuestion } : null;
}

/** The words of a right or a wrong answer to a stored question. */
export function responseTo(q: StoredQuestion, right: boolean): string {
  if (q.type === "split") {
    const owners = q.duties.map((d) => d.owner as string);
    if (!right) owners[0] = owners[0] === "aws" ? "customer" : "aws";
    return owners.join(" ");
  }
  if (!right) {
    // A wrong answer with as many letters as the right one, so a "Select TWO" rule never refuses it.
    const rightCount = q.choices.filter((c) => c.correct).length;
    const wrong = q.choices.filter((c) => !c.correct).map((c) => c.key);
    const padding = q.choices.filter((c) => c.correct).map((c) => c.key);
    return [...wrong, ...padding].slice(0, rightCount).join(" ");
  }
  return q.choices
    .filter((c) => c.correct)
    .map((c) => c.key)
    .join(" ");
}

/** The words that answer the person's open private question right or wrong. */
export function answerWords(app: TestApp, who: Actor, right: boolean): string {
  const open = openPrivate(app, who);
  if (!open) throw new Error(`${who.userId} has no open private question`);
  return responseTo(open.question, right);
}

/** Answers the person's open private question right or wrong, typed as in every front end; returns the reply. */
export async function answerOpen(app: TestApp, who: Actor, right: boolean): Promise<string> {
  const reply = await app.engine.handle({
    text: `answer ${answerWords(app, who, right)}`,
    actor: who,
    channel: { platform: who.platform, workspaceId: who.workspaceId, channelId: "C1" },
  });
  return renderPlain(reply, TEXT_SYNTAX);
}

/** A person's card of an item, as stored. */
export function storedCard(
  app: TestApp,
  who: Actor,
  itemId: string,
): { due: Date; lastReview: Date | null; lastRating: number | null; reps: number; lapses: number } | null {
  const row = app.db
    .prepare(
      "SELECT due, last_review, last_rating, reps, lapses FROM practice_cards WHERE platform = ? AND workspace = ? AND user_id = ? AND item_id = ?",
    )
    .get(who.platform, who.workspaceId, who.userId, itemId) as
    | { due: string; last_review: string | null; last_rating: number | null; reps: number; lapses: number }
    | undefined;
  if (!row) return null;
  return {
    due: new Date(row.due),
    lastReview: row.last_review ? new Date(row.last_review) : null,
    lastRating: row.last_rating,
    reps: row.reps,
    lapses: row.lapses,
  };
}

/** The days from a card's latest review to its due date. */
export function intervalDays(card: { due: Date; lastReview: Date | null } | null): number {
  if (!card?.lastReview) throw new Error("the card has not been reviewed");
  return Math.round((card.due.getTime() - card.lastReview.getTime()) / DAY);
}
