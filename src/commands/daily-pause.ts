import { defineCommand, str } from "./command.js";
import { changeDaily, wordsOf } from "./daily-steps.js";

/** `/srm daily pause until 2026-04-01`: no questions until a date. */
export default defineCommand({
  name: "daily pause",
  summary: "Pause this channel's daily question until a date",
  group: "admin",
  admin: true,
  args: [
    {
      name: "until",
      description: "The date the questions come back, YYYY-MM-DD",
      kind: "text",
      rest: true,
      maxLength: 40,
      placeholder: "until YYYY-MM-DD",
    },
  ],
  run: (ctx, args) => {
    const words = wordsOf(str(args, "until"));
    // "pause until <date>" in text, the date alone in a typed option: both read the same.
    return changeDaily(
      ctx,
      "pause",
      words[0]?.toLowerCase() === "until" || words.length === 0 ? words : ["until", ...words],
    );
  },
});
