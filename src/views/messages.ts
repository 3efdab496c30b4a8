import type { QuizFailure } from "../quiz/failures.js";
import { type Card, notice } from "./card.js";

const time = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** A problem ("choose an answer") as a sentence: capitalised, with a full stop. */
function sentence(problem: string): string {
  const text = `${problem.charAt(0).toUpperCase()}${problem.slice(1)}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The one table of user-facing messages for expected quiz failures (English). */
export function failureCard(f: QuizFailure): Card {
  switch (f.code) {
    case "NotAdmin":
      return notice(
        "warning",
        `Only admins can use /srm ${f.command}`,
        "Ask a workspace admin, or an operator to add your user id to SRM_ADMINS.",
      );
    case "NoOpenRound":
      return notice(
        "neutral",
        "There is no open question here right now",
        "An admin can start one with /srm daily now.",
      );
    case "RoundNotFound":
      return notice(
        "warning",
        "That question is not in this channel",
        "Answer with the buttons on a question posted here.",
      );
    case "RoundClosed":
      return notice(
        "neutral",
        "This question has closed",
        "Answers are no longer taken; the reveal shows the answer and the scores.",
      );
    case "AlreadyAnswered":
      return notice(
        "neutral",
        `You already answered ${f.first}`,
        `Your first answer (given ${time(f.at)}) stands; answers are locked once given.`,
      );
    case "NotYourRound":
      return notice("warning", "That question was someone else's", "Start your own with /srm quiz.");
    case "InvalidResponse":
      return notice("warning", "That answer could not be read", sentence(f.problem));
    case "RoundAlreadyOpen":
      return notice(
        "neutral",
        "A question is already open in this channel",
        "Reveal it first with /srm reveal.",
      );
    case "NoQuestions":
      return notice(
        "warning",
        "No question matches this channel's settings",
        "Widen them with /srm settings services all or /srm settings difficulty any.",
      );
    case "CompetitionRunning":
      return notice("neutral", `"${f.name}" is still running`, "End it first with /srm competition end.");
    case "CompetitionNameTaken":
      return notice("warning", `A competition called "${f.name}" already exists`, "Choose another name.");
    case "NoCompetition":
      return notice(
        "neutral",
        "No competition is running",
        'Start one with /srm competition start "Name" 2w.',
      );
    case "UnknownCompetition":
      return notice(
        "warning",
        `There is no competition called "${f.name}"`,
        "Use week, month, all, or the name of a competition.",
      );
    case "BadUsage":
      return notice("warning", f.problem, `Usage: ${f.usage}`);
  }
}
