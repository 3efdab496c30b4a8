import { cmd } from "../domain/text.js";
import { defineCommand, str } from "./command.js";

/** `/srm flags`: open flags; `flags dismiss <question>`, `flags fix <round> <letters>`, `flags void <round>`. */
export default defineCommand({
  name: "flags",
  summary: "Open flags on questions; dismiss them, fix a round's key or void its question",
  group: "admin",
  admin: true,
  slow: true,
  args: [
    {
      name: "action",
      description: "dismiss, fix or void (leave out to list)",
      kind: "choice",
      choices: ["dismiss", "fix", "void"],
    },
    {
      name: "target",
      description: "A question id (dismiss) or a round number (fix, void)",
      kind: "text",
      maxLength: 100,
    },
    {
      name: "letters",
      description: "The corrected answer's letters (fix)",
      kind: "text",
      rest: true,
      maxLength: 20,
    },
  ],
  help: [
    [cmd("flags"), ": open flags on questions, with their reasons, counts and comments"],
    [
      cmd("flags", { action: "dismiss", target: "<question>" }),
      ": close a question's flags, changing nothing",
    ],
    [
      cmd("flags", { action: "fix", target: "12", letters: "C" }),
      ": the answer to round 12 is C: regrade and rescore",
    ],
    [cmd("flags", { action: "void", target: "12" }), ": remove round 12's points for everyone"],
  ],
  run: async ({ deps, actor }, args) => {
    const action = str(args, "action");
    const target = str(args, "target");
    if (action === "dismiss") return deps.flags.dismiss(actor, target);
    if (action === "fix") return deps.flags.fixKey(actor, target, str(args, "letters").split(/[\s,]+/));
    if (action === "void") return deps.flags.voidQuestion(actor, target);
    return deps.flags.list(actor);
  },
});
