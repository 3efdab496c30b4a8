import { cmd } from "../domain/text.js";
import { defineCommand, str } from "./command.js";

/** `/srm drill ec2 os-patching`: adds a cell to the person's cards and asks it. */
export default defineCommand({
  name: "drill",
  summary: "Add one service's area to your cards and be asked it now",
  group: "practice",
  missing: "Name a service and an area",
  args: [
    {
      name: "service",
      example: "ec2",
      description: "A service, e.g. ec2",
      kind: "text",
      required: true,
      suggest: "service",
      maxLength: 100,
    },
    { name: "area", description: "An area, e.g. os-patching", kind: "text", suggest: "area", maxLength: 100 },
  ],
  // In text, the whole line names the cell ("drill api gateway logging").
  readText: (rest) => ({ service: rest }),
  help: [
    [
      cmd("drill", { service: "ec2", area: "os-patching" }),
      ": add a cell to your cards and be asked it (the Quiz me on this button)",
    ],
  ],
  run: ({ deps, actor, channel }, args) =>
    deps.practice.drill(actor, channel, `${str(args, "service")} ${str(args, "area")}`.trim()),
});
