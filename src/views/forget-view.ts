import type { DeletedRows, ForgetOutcome } from "../domain/people.js";
import { cmd, say } from "../domain/text.js";
import { type Action, notice, privateReply, type Reply } from "./card.js";

/** The id of the button that confirms an ask to be forgotten. */
export const FORGET_CONFIRM_ID = "forget:confirm";

const CONFIRM: Action = { id: FORGET_CONFIRM_ID, label: "Forget me", style: "danger" };

/** What each table's count means to the person (one, several), in the order they read it. */
const KINDS: readonly [string, string, string][] = [
  ["answers", "answer", "answers"],
  ["rounds", "private question", "private questions"],
  ["practice_cards", "memory card", "memory cards"],
  ["practice_reviews", "card review", "card reviews"],
  ["practice_sessions", "practice session", "practice sessions"],
  ["practice_prefs", "practice setting", "practice settings"],
  ["exams", "mock exam", "mock exams"],
  ["exam_answers", "mock exam answer", "mock exam answers"],
  ["question_flags", "flag on a question", "flags on questions"],
  ["scores", "leaderboard score", "leaderboard scores"],
  ["streaks", "streak", "streaks"],
  ["lookups", "lookup count", "lookup counts"],
];

/** The one table from an outcome of `/srm forget me` to its reply; every reply is private. */
export function forgetReply(outcome: ForgetOutcome): Reply {
  switch (outcome.kind) {
    case "asked":
      return privateReply({
        ...notice(
          "warning",
          "Forget everything srm-bot keeps about you here?",
          say`This deletes, in this workspace, your answers, memory cards and their reviews, practice sessions and settings, mock exams, flags, streaks and scores. Questions asked in channels stay for the others who answered them, and their scores are recounted without yours. It cannot be undone. To go ahead, press Forget me or type ${cmd("forget me", { step: "confirm" })} before ${time(outcome.until)}.`,
        ),
        actions: [CONFIRM],
      });
    case "forgotten":
      return privateReply(
        notice(
          "success",
          "Forgotten",
          `srm-bot keeps nothing of yours in this workspace any more. Deleted: ${summary(outcome.deleted)}.`,
        ),
      );
    case "notAsked":
      return privateReply(
        notice(
          "neutral",
          "Nothing was deleted",
          say`There is no ask to forget you from the last ten minutes. Start again with ${cmd("forget me")}.`,
        ),
      );
  }
}

function summary(deleted: DeletedRows): string {
  const parts = KINDS.filter(([table]) => (deleted[table] ?? 0) > 0).map(([table, one, several]) => {
    const n = deleted[table] ?? 0;
    return `${n} ${n === 1 ? one : several}`;
  });
  return parts.length === 0 ? "nothing was stored" : parts.join(", ");
}

const time = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;
