import { defineCommand } from "./command.js";

/** `/srm review`: the questions the person missed, until each is answered right. */
export default defineCommand({
  name: "review",
  summary: "The questions you missed, until each is answered right",
  group: "practice",
  args: [],
  run: ({ deps, actor, channel }) => deps.practice.session(actor, channel, "review", null),
});
