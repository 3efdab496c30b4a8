import { cmd } from "../domain/text.js";
import { defineCommand, str } from "./command.js";

/** `/srm exam [clf-c02|saa-c03|scs-c02] [questions]`, `exam resume`, `exam abandon`, `exam answer <letters>`. */
export default defineCommand({
  name: "exam",
  summary: "A private mock exam: questions one at a time, a report against the pass mark at the end",
  group: "practice",
  args: [
    {
      name: "action",
      description: "clf-c02, saa-c03 or scs-c02 to start; resume; abandon; answer",
      kind: "choice",
      choices: ["clf-c02", "saa-c03", "scs-c02", "resume", "abandon", "answer"],
    },
    {
      name: "value",
      description: "How many questions (5 to 65, default 20), or your letters for answer",
      kind: "text",
      rest: true,
      maxLength: 20,
    },
  ],
  help: [
    [cmd("exam", { action: "saa-c03", value: "40" }), ": a private mock exam (default 20 questions)"],
    [
      cmd("exam", { action: "answer", value: "A C" }),
      ", ",
      cmd("exam", { action: "resume" }),
      ", ",
      cmd("exam", { action: "abandon" }),
    ],
  ],
  run: ({ deps, actor }, args) => {
    const action = str(args, "action");
    const value = str(args, "value");
    if (action === "resume") return deps.exams.resume(actor);
    if (action === "abandon") return deps.exams.abandon(actor);
    if (action === "answer")
      return deps.exams.answer(
        actor,
        value.split(/[\s,]+/).filter((l) => l !== ""),
      );
    return deps.exams.start(actor, action === "" ? null : action, value === "" ? null : value);
  },
});
