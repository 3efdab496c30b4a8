import { defineCommand, str } from "./command.js";
import { changeDaily, wordsOf } from "./daily-steps.js";

/** `/srm daily leaderboard fri 17:00`: a weekly leaderboard post in this channel. */
export default defineCommand({
  name: "daily leaderboard",
  summary: "Post the week's leaderboard here on a day and time (or off)",
  group: "admin",
  admin: true,
  args: [
    {
      name: "when",
      description: "A day and a time, e.g. fri 17:00, or off",
      kind: "text",
      rest: true,
      maxLength: 40,
      placeholder: "mon..sun HH:MM | off",
    },
  ],
  run: (ctx, args) => changeDaily(ctx, "leaderboard", wordsOf(str(args, "when"))),
});
