import { cmd } from "../domain/text.js";
import { defineCommand, str } from "./command.js";

/** `/srm lookup <service> <area>`: who owns one area of one service (Discord's lookup with suggestions). */
export default defineCommand({
  name: "lookup",
  summary: "Who owns one area of one service: the owner first, then why and the source",
  group: "lookups",
  bare: true,
  args: [
    {
      name: "service",
      example: "ec2",
      description: "A service, e.g. ec2, rds, lambda",
      kind: "text",
      suggest: "service",
      maxLength: 100,
    },
    {
      name: "area",
      description: "An area, e.g. os-patching, encryption at rest",
      kind: "text",
      suggest: "area",
      maxLength: 100,
    },
  ],
  // In text, the whole line is the lookup ("lookup api gateway logging").
  readText: (rest) => ({ service: rest }),
  help: [
    [
      cmd("lookup", { service: "ec2", area: "os-patching" }),
      ": who owns one area on one service, why, both parts, the exceptions and the source",
    ],
    [cmd("lookup", { service: "rds" }), ": the whole responsibility stack of a service"],
    [cmd("lookup", { service: "patching" }), ": one area compared across every service"],
  ],
  run: ({ steps, channel }, args) =>
    steps.lookup(`${str(args, "service")} ${str(args, "area")}`.trim(), channel),
});
