import { privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { defineCommand } from "./command.js";

/** `/srm daily status`: when this channel's question is posted and revealed. */
export default defineCommand({
  name: "daily status",
  groupDefault: true,
  summary: "When this channel's daily question is posted and revealed",
  group: "questions",
  args: [],
  run: async ({ deps, channel }) => {
    const s = await deps.daily.status(channel);
    return privateReply(s.ok ? s.value : failureCard(s.failure));
  },
});
