import { cmd } from "../domain/text.js";
import { defineCommand, str } from "./command.js";

/**
 * `/srm practice`: the person's most due card, then today's new cards, one after another; `/srm practice
 * path <path>` and `/srm practice new-cards <n>` set the order and the number of new cards.
 */
export default defineCommand({
  name: "practice",
  aliases: ["practise"],
  summary: "Your due cards, then today's new ones, privately; or set your path or new cards a day",
  group: "practice",
  args: [
    {
      name: "setting",
      description: "path (the order new cards follow) or new-cards (how many a day)",
      kind: "choice",
      choices: ["path", "new-cards"],
    },
    {
      name: "value",
      description: "clf-c02, saa-c03, scs-c02, a service or default; or a number from 0 to 100",
      kind: "text",
      maxLength: 60,
      suggest: "path",
    },
  ],
  help: [
    [cmd("practice"), ": due cards, then today's new ones"],
    [cmd("practice", { setting: "path", value: "saa-c03" }), ": the order new cards follow"],
    [cmd("practice", { setting: "new-cards", value: "15" }), ": new cards a day (default 10)"],
  ],
  run: ({ deps, actor, channel }, args) => {
    const setting = str(args, "setting");
    const value = str(args, "value");
    if (setting === "path")
      return deps.practice.practicePath(actor, channel, value === "" ? "default" : value);
    if (setting === "new-cards") return deps.practice.newCardsPerDay(actor, value);
    return deps.practice.session(actor, channel, "practice", null);
  },
});
