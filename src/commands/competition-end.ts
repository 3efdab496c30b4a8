import { channelReply, privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { competitionEndedCard } from "../views/standings-view.js";
import { defineCommand } from "./command.js";

/** `/srm competition end`: ends the running competition now, with the final standings. */
export default defineCommand({
  name: "competition end",
  aliases: ["comp end"],
  summary: "End the running competition now",
  group: "admin",
  admin: true,
  args: [],
  run: async ({ deps, actor }) => {
    const ended = await deps.competitions.endNow(actor);
    return ended.ok
      ? channelReply(competitionEndedCard(ended.value, await deps.standings.finalStandings(ended.value)))
      : privateReply(failureCard(ended.failure));
  },
});
