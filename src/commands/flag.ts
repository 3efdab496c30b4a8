import { FLAG_REASONS } from "../domain/flag.js";
import { defineCommand, str } from "./command.js";

/** `/srm flag <round> <reason> [comment]`: flags the question of a round the person was asked. */
export default defineCommand({
  name: "flag",
  summary: "Flag a question you were asked as wrong, ambiguous, outdated... (or press Flag under it)",
  group: "questions",
  missing: "Say which round (its number is in the footer) and why",
  args: [
    {
      name: "round",
      description: "The round's number, shown in its footer",
      kind: "text",
      required: true,
      example: "1",
      maxLength: 14,
    },
    {
      name: "reason",
      description: "wrong-answer, ambiguous, several-right, outdated or typo",
      kind: "choice",
      choices: [...FLAG_REASONS],
      required: true,
    },
    {
      name: "comment",
      description: "What is wrong, in a few words (optional)",
      kind: "text",
      rest: true,
      maxLength: 500,
    },
  ],
  run: ({ deps, actor }, args) => {
    const comment = str(args, "comment");
    return deps.flags.flag(actor, str(args, "round"), str(args, "reason"), comment === "" ? null : comment);
  },
});
