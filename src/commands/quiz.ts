import { privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { privateQuestionCard } from "../views/round-view.js";
import { defineCommand } from "./command.js";

/** `/srm quiz`: a private question now. */
export default defineCommand({
  name: "quiz",
  summary: "A practice question just for you, now",
  group: "questions",
  args: [],
  run: async ({ deps, actor, channel }) => {
    const opened = await deps.rounds.openQuizRound(actor, channel);
    return opened.ok
      ? privateReply(privateQuestionCard(opened.value))
      : privateReply(failureCard(opened.failure));
  },
});
