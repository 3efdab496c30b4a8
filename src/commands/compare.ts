import { cmd } from "../domain/text.js";
import { defineCommand, str } from "./command.js";
import { compareReply } from "./compare-reply.js";

/** `/srm compare ec2 rds lambda`: 2 to 5 services' stacks side by side, in text and as a picture. */
export default defineCommand({
  name: "compare",
  summary: "2 to 5 services side by side: where the line between AWS and you moves, with a picture",
  group: "lookups",
  missing: "Name 2 to 5 services",
  args: [
    {
      name: "services",
      example: "ec2 rds lambda",
      description: "2 to 5 services, e.g. ec2 rds lambda or ec2 vs fargate",
      kind: "text",
      rest: true,
      required: true,
      maxLength: 200,
    },
  ],
  help: [
    [
      cmd("compare", { services: "ec2 rds lambda" }),
      ": where the owner of each layer changes, with a picture",
    ],
    [cmd("compare", { services: "ec2 vs fargate" }), ": a name with variants (fargate, eks) compares each"],
  ],
  run: ({ deps }, args) => compareReply(deps.matrix, str(args, "services")),
});
