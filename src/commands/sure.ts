import type { Confidence } from "../domain/memory.js";
import { defineCommand, str } from "./command.js";

/** `/srm sure guess|fairly|certain`: how sure the person was of their last right answer. */
export default defineCommand({
  name: "sure",
  summary: "How sure you were of your last right answer: guess, fairly or certain",
  group: "practice",
  missing: "Say how sure you were",
  args: [
    {
      name: "level",
      description: "guess, fairly or certain",
      kind: "choice",
      choices: ["guess", "fairly", "certain"],
      required: true,
    },
  ],
  run: ({ deps, actor }, args) => deps.practice.sure(actor, str(args, "level") as Confidence),
});
