import { cmd } from "../domain/text.js";
import { defineCommand, str } from "./command.js";

/** `/srm <anything>`: a lookup in a person's own words; what is no command word is a question. */
export default defineCommand({
  name: "ask",
  summary: "Ask in your own words, e.g. who patches the rds engine",
  group: "lookups",
  fallback: true,
  bare: true,
  args: [
    {
      name: "text",
      example: "ec2 os-patching",
      description: "Your question",
      kind: "text",
      rest: true,
      required: true,
      placeholder: "question",
    },
  ],
  help: [
    [cmd("ask", { text: "who patches the rds engine" }), ': free phrasing works; typos get a "did you mean"'],
    [
      cmd("ask", { text: "lambda runtime manual mode" }),
      ": a condition in the question is answered for that condition",
    ],
    [cmd("ask", { text: "ecs security groups" }), ": an ambiguous name asks which variant and shows each"],
    "Lookups are private: they are counted anonymously, by the service and area recognised; what you type and who asked are never stored or posted",
  ],
  // Nothing typed at all is help, not a lookup.
  run: ({ steps, channel }, args) => steps.lookup(str(args, "text"), channel),
});
