import { defineCommand, str } from "./command.js";

/** `/srm forget me [confirm]`: deletes what srm-bot keeps about the person in this workspace, once confirmed. */
export default defineCommand({
  name: "forget me",
  summary: "Delete your answers, cards, stats and scores in this workspace (asks you to confirm)",
  group: "practice",
  args: [
    {
      name: "step",
      description: "confirm, within ten minutes of asking",
      kind: "choice",
      choices: ["confirm"],
      placeholder: "confirm",
    },
  ],
  run: ({ deps, actor }, args) =>
    str(args, "step") === "confirm" ? deps.forget.confirm(actor) : deps.forget.ask(actor),
});
