import { cmd, say, usage, WORKSPACE } from "../domain/text.js";
import type { QuizFailure } from "../quiz/failures.js";
import { responseProblemText } from "./answer-rules.js";
import { type Card, notice } from "./card.js";

const time = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The one table of user-facing messages for expected quiz failures (English). */
export function failureCard(f: QuizFailure): Card {
  switch (f.code) {
    case "NotAdmin":
      return notice(
        "warning",
        `Only admins can run ${f.command}`,
        say`${cmd(f.command)} is for admins. Ask a ${WORKSPACE} admin, or an operator to add your user id to SRM_ADMINS.`,
      );
    case "NoOpenRound":
      return notice(
        "neutral",
        "There is no open question here right now",
        say`An admin can start one with ${cmd("daily now")}.`,
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
      return notice("warning", "That question was someone else's", say`Start your own with ${cmd("quiz")}.`);
    case "InvalidResponse":
      return notice(
        "warning",
        "That answer was not taken",
        say`${responseProblemText(f.problem)} Nothing was stored: you can answer again.`,
      );
    case "RoundAlreadyOpen":
      return notice(
        "neutral",
        "A question is already open in this channel",
        say`Reveal it first with ${cmd("reveal")}.`,
      );
    case "NoQuestions":
      return notice(
        "warning",
        "No question matches this channel's settings",
        say`Widen them with ${cmd("settings", { name: "services", value: "all" })} or ${cmd("settings", { name: "difficulty", value: "any" })}.`,
      );
    case "CompetitionRunning":
      return notice(
        "neutral",
        `"${f.name}" is still running`,
        say`End it first with ${cmd("competition end")}.`,
      );
    case "CompetitionNameTaken":
      return notice("warning", `A competition called "${f.name}" already exists`, "Choose another name.");
    case "NoCompetition":
      return notice(
        "neutral",
        "No competition is running",
        say`Start one with ${cmd("competition start", { name: '"Name"', length: "2w" })}.`,
      );
    case "UnknownCompetition":
      return notice(
        "warning",
        `There is no competition called "${f.name}"`,
        "Use week, month, all, or the name of a competition.",
      );
    case "BadUsage":
      // A problem that names a command of its own reads as the text; the title stays plain words.
      return typeof f.problem === "string"
        ? notice("warning", f.problem, say`Usage: ${usage(f.usage)}`)
        : notice("warning", "That did not work", say`${f.problem}. Usage: ${usage(f.usage)}`);
    case "UnknownCommand":
      return notice(
        "warning",
        "This command is out of date",
        "An admin can refresh the commands with srm discord register.",
      );
  }
}
