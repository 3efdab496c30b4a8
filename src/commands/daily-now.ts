import { cmd, say } from "../domain/text.js";
import { notice, privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { defineCommand } from "./command.js";

/** `/srm daily now`: posts a question in this channel now. */
export default defineCommand({
  name: "daily now",
  summary: "Post a question in this channel now",
  group: "admin",
  admin: true,
  slow: true,
  args: [],
  run: async ({ deps, channel }) => {
    const opened = await deps.rounds.openChannelRound(channel);
    if (!opened.ok) return privateReply(failureCard(opened.failure));
    const { round, postFailure } = opened.value;
    return privateReply(
      postFailure === null
        ? notice(
            "success",
            "Posted a question in this channel",
            say`Reveal it with ${cmd("reveal")} (round ${round.id}).`,
          )
        : notice(
            "warning",
            "The question could not be posted in this channel",
            say`The platform said: ${postFailure}. Invite the bot to this channel and try again; the question (round ${round.id}) is open meanwhile and ${cmd("reveal")} closes it.`,
          ),
    );
  },
});
