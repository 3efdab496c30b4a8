import { echo } from "../domain/echo.js";
import {
  FLAG_REASONS,
  type FlagList,
  type FlagReason,
  type FlagResolution,
  type OpenFlag,
  type Resolution,
} from "../domain/flag.js";
import type { RoundRow } from "../domain/round.js";
import { cmd, say, type Text } from "../domain/text.js";
import { type Card, notice, type Section } from "./card.js";
import { flagActionId } from "./flag-ids.js";
import { answerText, revealCard } from "./round-view.js";

/** What a person reads for each reason. */
export const REASON_LABEL: Readonly<Record<FlagReason, string>> = {
  "wrong-answer": "Wrong answer",
  ambiguous: "Ambiguous",
  "several-right": "More than one right answer",
  outdated: "Outdated",
  typo: "Typo",
};

/** What "Flag" shows: the reasons to choose from, and how to add a comment. */
export function flagReasonsCard(roundId: number): Card {
  return {
    accent: "neutral",
    title: "What is wrong with this question?",
    sections: [
      {
        text: say`To add a comment, type it instead: ${cmd("flag", { round: String(roundId), reason: "<reason>", comment: "<comment>" })}, with one of ${FLAG_REASONS.join(", ")}.`,
      },
    ],
    actions: FLAG_REASONS.map((r) => ({ id: flagActionId(roundId, r), label: REASON_LABEL[r] })),
  };
}

/** The private thanks for a flag. */
export function flaggedCard(reason: FlagReason): Card {
  return notice(
    "success",
    "Thank you: your flag is noted",
    `Reason: ${REASON_LABEL[reason].toLowerCase()}. An admin will look at it; a question flagged by three people is not asked again until then.`,
  );
}

/** `/srm flags` for admins: each flagged question, its reasons and counts, comments, and how to resolve it. */
export function flagsListCard({ open, held }: FlagList, roundOf: (id: number) => RoundRow | undefined): Card {
  if (open.length === 0) return notice("success", "No open flags", "Nobody has flagged a question here.");
  const byQuestion = new Map<string, OpenFlag[]>();
  for (const f of open) byQuestion.set(f.questionId, [...(byQuestion.get(f.questionId) ?? []), f]);
  const sections: Section[] = [];
  for (const [id, flags] of byQuestion) {
    const reasons = FLAG_REASONS.flatMap((r) => {
      const n = flags.filter((f) => f.reason === r).length;
      return n > 0 ? [`${REASON_LABEL[r].toLowerCase()} (${n})`] : [];
    });
    const rounds = [...new Set(flags.map((f) => f.roundId))].flatMap((rid) => {
      const round = roundOf(rid);
      return round?.kind === "channel" && round.status === "revealed" ? [round] : [];
    });
    const first = roundOf(flags[0]?.roundId ?? 0);
    const items: Text[] = [
      `Reasons: ${reasons.join(", ")}${held.has(id) ? " · out of rotation until resolved" : ""}`,
      ...(first ? [`Asked: ${first.question.prompt} (answer: ${answerText(first.question)})`] : []),
      ...flags.flatMap((f) => (f.comment ? [`Comment: "${echo(f.comment)}"`] : [])),
      say`Dismiss: ${cmd("flags", { action: "dismiss", target: id })}`,
      ...rounds.map(
        (r) =>
          say`Round ${String(r.id)}: ${cmd("flags", { action: "fix", target: String(r.id), letters: "<letters>" })} (recomputes its scores) or ${cmd("flags", { action: "void", target: String(r.id) })}`,
      ),
    ];
    sections.push({ label: `${id} · ${flags.length} ${flags.length === 1 ? "flag" : "flags"}`, items });
  }
  return {
    accent: "neutral",
    title: `Open flags on ${byQuestion.size} ${byQuestion.size === 1 ? "question" : "questions"}`,
    sections,
    footer:
      "Fixing a key or voiding a round rescores everyone from the answers and tells the round's channel.",
  };
}

const RESOLVED_TITLE: Readonly<Record<FlagResolution, string>> = {
  dismissed: "Flags dismissed",
  "key-fixed": "Answer key fixed",
  voided: "Question voided",
};

/** What a resolution did, for the admin. */
export function resolvedCard(
  how: FlagResolution,
  questionId: string,
  flags: number,
  done?: Resolution,
): Card {
  const lines = [`${flags} open ${flags === 1 ? "flag" : "flags"} on ${questionId} resolved.`];
  if (done && how === "key-fixed")
    lines.push(
      `Round ${done.round.id}: the answer is now ${answerText(done.round.question)}; ${done.changed} of ${done.answers} answers changed, and every score was recomputed from the answers.`,
    );
  if (done && how === "voided")
    lines.push(
      `Round ${done.round.id}: its points were removed for all ${done.answers} who answered, and every score was recomputed.`,
    );
  if (done?.announceFailure)
    lines.push(
      `The channel could not be told (the platform said: ${done.announceFailure}); the scores are saved.`,
    );
  else if (done) lines.push("The channel was told.");
  return notice("success", RESOLVED_TITLE[how], lines.join(" "));
}

/** The channel's notice of a corrected key. */
function keyFixedAnnouncement(round: RoundRow, answers: number, changed: number): Card {
  return notice(
    "neutral",
    `Answer corrected for round ${round.id}`,
    `After learners flagged it, an admin corrected the answer: it is ${answerText(round.question)}. The scores were recomputed from everyone's answers (${changed} of ${answers} changed from right to wrong or back).`,
  );
}

/** The channel's notice of a voided question. */
function voidedAnnouncement(round: RoundRow, answers: number): Card {
  return notice(
    "neutral",
    `Round ${round.id}'s question was voided`,
    `After learners flagged it, an admin voided this question: its points are removed for all ${answers} who answered, and the scores were recomputed.`,
  );
}

/** The cards a flag resolution shows its channel. */
export const flagCards = { reveal: revealCard, keyFixed: keyFixedAnnouncement, voided: voidedAnnouncement };
