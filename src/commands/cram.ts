import { defineCommand, str } from "./command.js";

/** `/srm cram [service]`: everything in a service regardless of due dates. */
export default defineCommand({
  name: "cram",
  summary: "Everything in a service regardless of due dates (alone: every card you have)",
  group: "practice",
  args: [
    {
      name: "service",
      description: "A service, e.g. rds (leave out for every card)",
      kind: "text",
      rest: true,
      suggest: "service",
      maxLength: 100,
    },
  ],
  run: ({ deps, actor, channel }, args) => {
    const scope = str(args, "service");
    return deps.practice.session(actor, channel, "cram", scope === "" ? null : scope);
  },
});
