import { privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { competitionStatusCard } from "../views/standings-view.js";
import { defineCommand } from "./command.js";

/** `/srm competition status`: the running competition and its leaders. */
export default defineCommand({
  name: "competition status",
  aliases: ["comp status"],
  groupDefault: true,
  summary: "The running competition and its standings",
  group: "questions",
  args: [],
  run: async ({ deps, actor }) => {
    const c = await deps.competitions.current(actor);
    if (!c.ok) return privateReply(failureCard(c.failure));
    return privateReply(
      competitionStatusCard(c.value, await deps.standings.finalStandings(c.value), deps.clock.now()),
    );
  },
});
