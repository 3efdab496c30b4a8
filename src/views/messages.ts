import type { Failure } from "../quiz/failures.js";
import { responseProblemText } from "./answer-rules.js";
import { type Card, notice } from "./card.js";
import { echo } from "./echo.js";

const time = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The one table of user-facing messages for expected failures (English). */
export function failureCard(f: Failure): Card {
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
      return notice(
        "warning",
        "That answer was not taken",
        `${responseProblemText(f.problem)} Nothing was stored: you can answer again.`,
      );
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
    case "NoAnswerToRate":
      return notice(
        "neutral",
        "There is no answer to rate",
        "Answer a question with /srm practice or /srm quiz first.",
      );
    case "SureOnlyPrivate":
      return notice(
        "neutral",
        "How sure only counts on your own questions",
        "Questions of the day are rated by right or wrong alone.",
      );
    case "SureAfterWrong":
      return notice(
        "neutral",
        "A wrong answer counts as a miss however sure you were",
        "It comes back soon; /srm review asks your misses now.",
      );
    case "SureTooLate":
      return notice(
        "neutral",
        "That card has been reviewed again since",
        "Only your latest answer to a card can be rated.",
      );
    case "NotACell":
      return notice(
        "warning",
        `There is no drill for "${echo(f.text)}"`,
        "Name one service and one area, e.g. /srm drill ec2 os-patching.",
      );
    case "NotAService":
      return notice(
        "warning",
        `"${echo(f.text)}" is not a service I know`,
        "Name one, e.g. /srm cram rds, or /srm cram alone for every card you have.",
      );
    case "NoQuestionToPass":
      return notice(
        "neutral",
        "You have no question of your own open",
        "Skip and I don't know are for your own questions (/srm quiz, /srm practice); a channel's question of the day can simply be left.",
      );
    case "NoSession":
      return notice(
        "neutral",
        "You have no practice, review or cram running",
        "Start one with /srm practice, /srm review or /srm cram.",
      );
  }
}
