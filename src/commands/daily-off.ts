import { defineCommand } from "./command.js";
import { changeDaily } from "./daily-steps.js";

/** `/srm daily off`: no more daily questions in this channel. */
export default defineCommand({
  name: "daily off",
  summary: "Stop this channel's daily question",
  group: "admin",
  admin: true,
  args: [],
  run: (ctx) => changeDaily(ctx, "off", []),
});
