import type { ArgValues, Command } from "../../src/commands/command.js";
import { REGISTRY } from "../../src/commands/index.js";
import { adminOnly } from "../../src/commands/syntax.js";
import { MAX_TEXT, SRM_ADMIN_COMMAND, SRM_COMMAND, subcommandName } from "./commands.js";

/** The options of one slash command invocation, read through discord.js. */
export interface CommandOptions {
  readonly group: string | null;
  readonly subcommand: string | null;
  /** A string option's value, or null when it was left out. */
  string(name: string): string | null;
  /** An integer option's value, or null when it was left out. */
  integer(name: string): number | null;
  /** A user option's id, or null when it was left out. */
  user(name: string): string | null;
}

/** A slash command matched to the registry, with its typed options as the command's arguments. */
export interface CommandPlan {
  readonly command: Command;
  readonly args: ArgValues;
}

/**
 * An option value as one line of words: Discord lets people paste newlines and control characters, which
 * no argument takes.
 */
export function cleanValue(value: string | null): string {
  if (value === null) return "";
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, MAX_TEXT)
  );
}

/** Finds the registry's command for a slash command and passes its options straight through; null when unknown. */
export function planCommand(top: string, o: CommandOptions): CommandPlan | null {
  if (top !== SRM_COMMAND && top !== SRM_ADMIN_COMMAND) return null;
  const command = REGISTRY.commands.find((c) => {
    const { group, sub } = subcommandName(c);
    return group === o.group && sub === o.subcommand && adminOnly(c) === (top === SRM_ADMIN_COMMAND);
  });
  if (!command) return null;
  const args: Record<string, string | number> = {};
  for (const a of command.args) {
    if (a.kind === "person") {
      const id = o.user(a.name);
      // A mention reads well in a refusal ("No stats for @bob yet") and the standings resolve it to the id.
      if (id !== null && /^\d{1,25}$/.test(id)) args[a.name] = `<@${id}>`;
    } else if (a.kind === "integer") {
      const n = o.integer(a.name);
      if (n !== null) args[a.name] = n;
    } else {
      const v = cleanValue(o.string(a.name));
      if (v !== "") args[a.name] = v;
    }
  }
  return { command, args };
}
