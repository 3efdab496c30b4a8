import { privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { leaderboardCard } from "../views/standings-view.js";
import { defineCommand, str } from "./command.js";

/** `/srm leaderboard [week|month|all|accuracy|<competition>]`: points in this workspace. */
export default defineCommand({
  name: "leaderboard",
  aliases: ["lb", "scores"],
  summary: "Points here: this week, month, all time, accuracy, or a competition",
  group: "questions",
  args: [
    {
      name: "period",
      description: "week (default), month, all, accuracy, or a competition's name",
      kind: "text",
      rest: true,
      suggest: "period",
      maxLength: 80,
    },
  ],
  run: async ({ deps, actor }, args) => {
    const period = str(args, "period");
    const lb = await deps.standings.leaderboard(actor, period === "" ? [] : period.split(/\s+/));
    return privateReply(lb.ok ? leaderboardCard(lb.value) : failureCard(lb.failure));
  },
});
