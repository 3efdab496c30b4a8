import { defineCommand } from "./command.js";

/** `/srm skip`: skips the person's open question without changing a card. */
export default defineCommand({
  name: "skip",
  summary: "Skip your open question; your cards do not change",
  group: "practice",
  aloneOnly: true,
  args: [],
  run: ({ deps, actor }) => deps.practice.pass(actor, "skip"),
});
