import { privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { statsCard } from "../views/standings-view.js";
import { defineCommand, str } from "./command.js";

/** `/srm stats [person]`: answers, streaks, strongest and weakest areas. */
export default defineCommand({
  name: "stats",
  summary: "Answers, streaks, strongest and weakest areas: yours or someone else's",
  group: "questions",
  args: [{ name: "person", description: "Whose stats (yours if left out)", kind: "person", rest: true }],
  run: async ({ deps, actor }, args) => {
    const person = str(args, "person");
    const s = await deps.standings.stats(actor, person === "" ? null : person);
    if (!s.ok) return privateReply(failureCard(s.failure));
    // Memory cards are personal: shown to their owner only.
    return privateReply(
      statsCard(s.value, deps.matrix),
      ...(person === "" ? [await deps.practice.statsCard(actor)] : []),
    );
  },
});
