import { defineCommand } from "./command.js";
import { changeDaily } from "./daily-steps.js";

/** `/srm daily resume`: lifts a pause (and a channel paused after the platform refused it). */
export default defineCommand({
  name: "daily resume",
  summary: "Resume this channel's daily question after a pause",
  group: "admin",
  admin: true,
  args: [],
  run: (ctx) => changeDaily(ctx, "resume", []),
});
