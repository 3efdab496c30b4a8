import { notice } from "../../src/views/card.js";

/** What a person reads when an interaction arrives while srm-bot is stopping. */
export const RESTARTING = notice(
  "neutral",
  "srm-bot is restarting",
  "Nothing was lost. Please try again in a minute.",
);

/** What a person reads for a command or component this version does not know. */
export const OUT_OF_DATE = notice(
  "warning",
  "This command is out of date",
  "An admin can refresh the commands with srm discord register.",
);
