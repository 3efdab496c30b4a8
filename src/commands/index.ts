import answer from "./answer.js";
import ask from "./ask.js";
import type { Command } from "./command.js";
import compare from "./compare.js";
import competitionEnd from "./competition-end.js";
import competitionStart from "./competition-start.js";
import competitionStatus from "./competition-status.js";
import cram from "./cram.js";
import dailyLeaderboard from "./daily-leaderboard.js";
import dailyNow from "./daily-now.js";
import dailyOff from "./daily-off.js";
import dailyPause from "./daily-pause.js";
import dailyResume from "./daily-resume.js";
import dailySet from "./daily-set.js";
import dailySkip from "./daily-skip.js";
import dailyStatus from "./daily-status.js";
import drill from "./drill.js";
import exam from "./exam.js";
import flag from "./flag.js";
import flags from "./flags.js";
import forgetMe from "./forget-me.js";
import help from "./help.js";
import idk from "./idk.js";
import leaderboard from "./leaderboard.js";
import lookup from "./lookup.js";
import practice from "./practice.js";
import quiz from "./quiz.js";
import { CommandIndex } from "./read.js";
import reveal from "./reveal.js";
import review from "./review.js";
import settings from "./settings.js";
import skip from "./skip.js";
import stats from "./stats.js";
import stop from "./stop.js";
import sure from "./sure.js";
import { textSyntax } from "./syntax.js";
import voidRound from "./void.js";

/**
 * Every command, in the order help lists them within a section. Adding a command is a new file in this
 * folder and its line here; the text grammar, Discord's slash commands, help and the contract test follow.
 */
export const COMMANDS: readonly Command[] = [
  lookup,
  ask,
  compare,
  help,
  quiz,
  answer,
  leaderboard,
  stats,
  competitionStatus,
  dailyStatus,
  practice,
  review,
  cram,
  drill,
  exam,
  flag,
  sure,
  skip,
  idk,
  stop,
  forgetMe,
  dailySet,
  dailyOff,
  dailySkip,
  dailyPause,
  dailyResume,
  dailyLeaderboard,
  dailyNow,
  reveal,
  voidRound,
  flags,
  competitionStart,
  competitionEnd,
  settings,
];

/** The registry every front end reads. */
export const REGISTRY = new CommandIndex(COMMANDS);

/** The text grammar's syntax as the terminal and the CLI print commands. */
export const TEXT_SYNTAX = textSyntax(REGISTRY, "terminal");

/** Slack's one `/srm` command reads the text grammar too. */
export const SLACK_SYNTAX = textSyntax(REGISTRY, "slack");
