import { cmd } from "../domain/text.js";
import { defineCommand, str } from "./command.js";
import { changeDaily, wordsOf } from "./daily-steps.js";

/** `/srm daily set 09:30 Europe/Berlin mon-fri reveal 16:00`: this channel's daily question. */
export default defineCommand({
  name: "daily set",
  summary: "Schedule this channel's daily question: time, time zone, days and reveal",
  group: "admin",
  admin: true,
  missing: "Give the time to post, e.g. 09:30",
  args: [
    {
      name: "schedule",
      example: "09:00 UTC",
      description: "e.g. 09:30 Europe/Berlin mon-fri reveal 16:00 (or reveal after 6h)",
      kind: "text",
      required: true,
      rest: true,
      maxLength: 200,
      placeholder: "HH:MM [timezone] [days] [reveal HH:MM | reveal after Nh]",
    },
  ],
  help: [
    [
      cmd("daily set", { schedule: "09:30 Europe/Berlin mon-fri reveal 16:00" }),
      " (or reveal after 6h; a question stays open at least 15 minutes)",
    ],
  ],
  run: (ctx, args) => changeDaily(ctx, "set", wordsOf(str(args, "schedule"))),
});
