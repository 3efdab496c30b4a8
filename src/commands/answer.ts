import { privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { defineCommand, str } from "./command.js";

/** `/srm answer B`: answers the person's own open question, or the channel's question of the day. */
export default defineCommand({
  name: "answer",
  summary: "Answer the open question: a letter, letters (A C) or owners per duty (aws customer)",
  group: "questions",
  missing: "Say which answer you choose",
  args: [
    {
      name: "choice",
      example: "B",
      description: "e.g. B, or A C, or aws customer aws",
      kind: "text",
      required: true,
      rest: true,
      maxLength: 100,
      placeholder: "letter",
    },
  ],
  run: async ({ deps, steps, actor, channel }, args) => {
    const response = str(args, "choice")
      .split(/[\s,]+/)
      .filter((r) => r !== "");
    // A person's own /srm quiz question comes first; otherwise the channel's question of the day.
    const target = (await deps.rounds.openPrivateFor(actor)) ?? (await deps.rounds.openInChannel(channel));
    if (!target) return privateReply(failureCard({ code: "NoOpenRound" }));
    return steps.afterAnswer(actor, await deps.rounds.answer(target.id, actor, response));
  },
});
