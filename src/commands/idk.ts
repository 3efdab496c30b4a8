import { defineCommand } from "./command.js";

/** `/srm idk` (or "i don't know"): the open question counts as a miss, with the answer shown. */
export default defineCommand({
  name: "idk",
  aliases: ["dunno", "dont-know"],
  phrase: /^(?:i\s+)?do(?:n['’]?t|\s+not)\s+know[.!]?$/i,
  summary: "I don't know: your open question counts as a miss, and you see the answer",
  group: "practice",
  aloneOnly: true,
  args: [],
  run: ({ deps, actor }) => deps.practice.pass(actor, "dont-know"),
});
