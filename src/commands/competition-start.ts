import { cmd } from "../domain/text.js";
import { readCompetitionStart } from "../quiz/competitions.js";
import { channelReply, privateReply } from "../views/card.js";
import { failureCard } from "../views/messages.js";
import { competitionStartedCard } from "../views/standings-view.js";
import { defineCommand, str } from "./command.js";

/** `/srm competition start "Spring Cup" 2w`: a named competition in this workspace. */
export default defineCommand({
  name: "competition start",
  aliases: ["comp start"],
  summary: "Start a competition here, with a name and a length or an end date",
  group: "admin",
  admin: true,
  missing: "Give the competition a name and a length",
  args: [
    {
      name: "name",
      example: "Contract Cup",
      description: "Its name (1 to 60 characters)",
      kind: "text",
      required: true,
      placeholder: '"name"',
    },
    {
      name: "length",
      example: "2w",
      description: "2w, 10d, 36h, or an end date YYYY-MM-DD",
      kind: "text",
      required: true,
      placeholder: "2w | 10d | 36h | YYYY-MM-DD",
    },
  ],
  readText: readCompetitionStart,
  help: [[cmd("competition start", { name: '"Spring Cup"', length: "2w" }), " (or an end date YYYY-MM-DD)"]],
  run: async ({ deps, actor, channel }, args) => {
    const started = await deps.competitions.start(actor, channel, str(args, "name"), str(args, "length"));
    return started.ok
      ? channelReply(competitionStartedCard(started.value))
      : privateReply(failureCard(started.failure));
  },
});
