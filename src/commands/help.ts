import { joinText, type Text, usage } from "../domain/text.js";
import type { OwnershipMatrix } from "../knowledge/matrix.js";
import type { Platform } from "../ports.js";
import { type Card, privateReply } from "../views/card.js";
import { type Command, defineCommand, type HelpGroup, reachable } from "./command.js";
import type { CommandIndex } from "./read.js";

const LABELS: Readonly<Record<HelpGroup, string>> = {
  lookups: "Ownership lookups",
  questions: "Questions and scores",
  practice: "Practice (spaced repetition)",
  admin: "Admins",
};

/** A command's lines in help: its examples, or its usage and summary. */
export function helpLines(c: Command): readonly Text[] {
  // "Quiz: A question" reads as a title; after a colon the summary goes on as a sentence does.
  const summary = /^I\b/.test(c.summary)
    ? c.summary
    : `${c.summary.charAt(0).toLowerCase()}${c.summary.slice(1)}`;
  return c.help ?? [joinText([[usage(c.name)], `: ${summary}`], "")];
}

/** The usage card for `/srm help`, from the registry: only what the asker's front end reaches. */
export function helpCard(commands: CommandIndex, matrix: OwnershipMatrix, platform: Platform): Card {
  const groups = Object.keys(LABELS) as HelpGroup[];
  const sections = groups.map((g) => ({
    label: LABELS[g],
    items: commands.commands.filter((c) => c.group === g && reachable(c, platform)).flatMap(helpLines),
  }));
  const [lookups, ...rest] = sections;
  const services = matrix.services.filter((s) => s.kind === "service");
  const tiers = matrix.services.filter((s) => s.kind === "tier");
  return {
    accent: "neutral",
    title: "srm-bot: who secures what on AWS",
    subtitle: "the AWS Shared Responsibility Model, one question at a time",
    sections: [
      ...(lookups ? [lookups] : []),
      {
        label: `Services (${services.length})`,
        text: `${services.map((s) => s.id).join(", ")}; and the tiers ${tiers.map((t) => t.id).join(", ")}`,
      },
      {
        label: `Areas (${matrix.areas.length})`,
        text: matrix.areas.map((a) => a.id).join(", "),
      },
      ...rest.filter((s) => s.items.length > 0),
    ],
  };
}

/** `/srm help`: what srm-bot can do here. */
export default defineCommand({
  name: "help",
  aliases: ["?", "--help", "-h"],
  phrase: /^$/,
  summary: "What srm-bot can do",
  group: "lookups",
  args: [],
  run: ({ commands, deps, actor }) => privateReply(helpCard(commands, deps.matrix, actor.platform)),
});
