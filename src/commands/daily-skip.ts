import { defineCommand, str } from "./command.js";
import { changeDaily, wordsOf } from "./daily-steps.js";

/** `/srm daily skip 2026-03-10`: no question on one day. */
export default defineCommand({
  name: "daily skip",
  summary: "Skip one day's question (a date, today or tomorrow)",
  group: "admin",
  admin: true,
  args: [
    {
      name: "date",
      description: "YYYY-MM-DD, today or tomorrow",
      kind: "text",
      rest: true,
      maxLength: 40,
      placeholder: "YYYY-MM-DD|today|tomorrow",
    },
  ],
  run: (ctx, args) => changeDaily(ctx, "skip", wordsOf(str(args, "date"))),
});
