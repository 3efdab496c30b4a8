import { defineCommand } from "./command.js";

/** `/srm practice`: the person's most due card, privately, one after another until none is due. */
export default defineCommand({
  name: "practice",
  aliases: ["practise"],
  summary: "Your most due card, privately, one after another until none is due",
  group: "practice",
  args: [],
  run: ({ deps, actor, channel }) => deps.practice.session(actor, channel, "practice", null),
});
