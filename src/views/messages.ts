import { echo } from "../domain/echo.js";
import { EXAM_QUESTIONS } from "../domain/exam.js";
import type { Failure } from "../domain/failure.js";
import { FLAG_REASONS } from "../domain/flag.js";
import { cmd, say, usage, WORKSPACE } from "../domain/text.js";
import { responseProblemText } from "./answer-rules.js";
import { type Card, notice } from "./card.js";
import { MAX_NEW_PER_DAY } from "./new-cards-view.js";

const time = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** The one table of user-facing messages for expected failures (English). */
export function failureCard(f: Failure): Card {
  switch (f.code) {
    case "NotAnExam":
      return notice(
        "warning",
        `"${echo(f.text)}" is not an exam I have questions for`,
        say`Choose clf-c02, saa-c03 or scs-c02, e.g. ${cmd("exam", { action: "saa-c03" })}.`,
      );
    case "BadQuestionCount":
      return notice(
        "warning",
        `"${echo(f.text)}" is not a number of questions`,
        say`Give a whole number from ${String(EXAM_QUESTIONS.min)} to ${String(EXAM_QUESTIONS.max)}, e.g. ${cmd("exam", { action: "clf-c02", value: "30" })}.`,
      );
    case "ExamRunning":
      return notice(
        "neutral",
        `You have a ${f.exam.toUpperCase()} mock exam running (${f.answered} of ${f.total} answered)`,
        say`Go on with ${cmd("exam", { action: "resume" })}, or end it with ${cmd("exam", { action: "abandon" })}.`,
      );
    case "NoExam":
      return notice(
        "neutral",
        "You have no mock exam running",
        say`Start one with ${cmd("exam", { action: "clf-c02" })} (or saa-c03, scs-c02).`,
      );
    case "NotThisQuestion":
      return notice(
        "neutral",
        "That question is not the one your exam is on",
        say`Its answer was saved already, or the exam has ended. ${cmd("exam", { action: "resume" })} shows where you are.`,
      );
    case "BadExamAnswer":
      return notice(
        "warning",
        "That answer does not fit the question",
        f.problem.kind === "count"
          ? `It asks for ${f.problem.expected} ${f.problem.expected === 1 ? "choice" : "choices"}; you gave ${f.problem.given}. Nothing was saved: answer again.`
          : say`Give the letters of your choices, e.g. ${cmd("exam", { action: "answer", value: "A C" })}. Nothing was saved: answer again.`,
      );
    case "NoSuchRound":
      return notice(
        "warning",
        `There is no round "${echo(f.text)}" you were asked`,
        "Use the Flag button under the answer, or the round number shown in its footer.",
      );
    case "NotRevealedYet":
      return notice("neutral", "That question is still open", "Flag it once its answer is shown.");
    case "NotAChannelReveal":
      return notice(
        "warning",
        `Round ${f.roundId} is not a revealed question of the day`,
        say`Only a revealed channel round's key can be fixed or its question voided; ${cmd("flags", { action: "dismiss", target: "<question>" })} closes other flags.`,
      );
    case "BadReason":
      return notice(
        "warning",
        `"${echo(f.text)}" is not a reason`,
        `Choose one of ${FLAG_REASONS.join(", ")}.`,
      );
    case "CommentTooLong":
      return notice("warning", "That comment is too long", "Keep it under 500 characters.");
    case "AlreadyFlagged":
      return notice(
        "neutral",
        "You flagged this question already",
        "Each person flags a question once; thank you.",
      );
    case "NoOpenFlags":
      return notice(
        "neutral",
        `No open flags on "${echo(f.questionId)}"`,
        say`${cmd("flags")} lists the open ones.`,
      );
    case "BadKey":
      return notice(
        "warning",
        `"${echo(f.text)}" is not a key for that question`,
        `Give the letters as shown in that round (${f.keys.join(", ")}): one for a single-answer question, two or more (not all) for select-all.`,
      );
    case "SplitKey":
      return notice(
        "warning",
        "A split-the-duties question's key cannot be fixed by letter",
        say`Void it instead (${cmd("flags", { action: "void", target: "<round>" })}) and correct the question file.`,
      );
    case "SameKey":
      return notice("neutral", "That is the key already", "Nothing changed.");
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
    case "NoAnswerToRate":
      return notice(
        "neutral",
        "There is no answer to rate",
        say`Answer a question with ${cmd("practice")} or ${cmd("quiz")} first.`,
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
        say`It comes back soon; ${cmd("review")} asks your misses now.`,
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
        say`Name one service and one area, e.g. ${cmd("drill", { service: "ec2", area: "os-patching" })}.`,
      );
    case "NotAService":
      return notice(
        "warning",
        `"${echo(f.text)}" is not a service I know`,
        say`Name one, e.g. ${cmd("cram", { service: "rds" })}, or ${cmd("cram")} alone for every card you have.`,
      );
    case "NoQuestionToPass":
      return notice(
        "neutral",
        "You have no question of your own open",
        say`Skip and I don't know are for your own questions (${cmd("quiz")}, ${cmd("practice")}); a channel's question of the day can simply be left.`,
      );
    case "NoSession":
      return notice(
        "neutral",
        "You have no practice, review or cram running",
        say`Start one with ${cmd("practice")}, ${cmd("review")} or ${cmd("cram")}.`,
      );
    case "NotAPath":
      return notice(
        "warning",
        `"${echo(f.text)}" is not a path`,
        say`Choose an exam (clf-c02, saa-c03, scs-c02), one service (e.g. rds), or default: ${cmd("practice", { setting: "path", value: "saa-c03" })}.`,
      );
    case "BadNewCards":
      return notice(
        "warning",
        `"${echo(f.text)}" is not a number of new cards`,
        say`Give a whole number from 0 to ${String(MAX_NEW_PER_DAY)}, e.g. ${cmd("practice", { setting: "new-cards", value: "15" })} (0 turns new cards off).`,
      );
  }
}
