import { defineCommand } from "./command.js";

/** `/srm stop`: ends a practice, review or cram, with how many were done and what is still due. */
export default defineCommand({
  name: "stop",
  summary: "End your practice, review or cram: how many you did and what is still due",
  group: "practice",
  aloneOnly: true,
  args: [],
  run: ({ deps, actor }) => deps.practice.stop(actor),
});
