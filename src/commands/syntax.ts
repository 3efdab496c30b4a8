import type { CommandRef, Syntax, TermRef, UsageRef } from "../domain/text.js";
import type { Platform } from "../ports.js";
import { type ArgSpec, type Command, reachable } from "./command.js";
import type { CommandIndex } from "./read.js";

/** The top-level slash command everyone uses on Discord. */
export const DISCORD_COMMAND = "srm";

/** Discord's admin command: default member permissions apply per top-level command, so admin lives apart. */
export const DISCORD_ADMIN_COMMAND = "srm-admin";

/** Whether a command is admin-only whatever its arguments (it lives under /srm-admin on Discord). */
export function adminOnly(c: Command): boolean {
  return c.admin === true;
}

function placeholder(spec: ArgSpec): string {
  if (spec.kind === "choice" && spec.choices && spec.choices.length <= 4) return spec.choices.join("|");
  return `<${spec.placeholder ?? spec.name}>`;
}

function unknown(name: string): never {
  throw new Error(`a reply names the command "${name}", which is not in the registry`);
}

/** The command a reference names, which must exist on the front end printing it. */
function named(index: CommandIndex, name: string, platform: Platform): Command {
  const c = index.byName(name) ?? unknown(name);
  if (!reachable(c, platform))
    throw new Error(`a reply names the command "${name}", which ${platform} does not have`);
  return c;
}

/** The text grammar's syntax: Slack's one `/srm` command and the terminal. */
export function textSyntax(index: CommandIndex, platform: "terminal" | "slack"): Syntax {
  const command = (ref: CommandRef): string => {
    const c = named(index, ref.command, platform);
    const values = c.args
      .map((a) => ref.args?.[a.name])
      .filter((v): v is string => v !== undefined && v !== "");
    return ["/srm", ...(c.bare ? [] : [c.name]), ...values].join(" ");
  };
  const one = (c: Command): string => {
    const args = c.args.map((a) => (a.required ? placeholder(a) : `[${placeholder(a)}]`));
    return ["/srm", ...(c.bare ? [] : [c.name]), ...args].join(" ");
  };
  return {
    command,
    usage: (ref: UsageRef) => usageOf(index, ref, one, platform),
    term: (ref: TermRef) => ref.term,
  };
}

/** Discord's syntax: `/srm practice`, `/srm-admin daily set schedule:09:30`. */
export function discordSyntax(index: CommandIndex): Syntax {
  const head = (c: Command) =>
    [`/${adminOnly(c) ? DISCORD_ADMIN_COMMAND : DISCORD_COMMAND}`, c.name].join(" ");
  const command = (ref: CommandRef): string => {
    const c = named(index, ref.command, "discord");
    const values = c.args
      .filter((a) => ref.args?.[a.name] !== undefined && ref.args[a.name] !== "")
      .map((a) => `${a.name}:${ref.args?.[a.name]}`);
    return [head(c), ...values].join(" ");
  };
  const one = (c: Command): string => {
    const args = c.args.map((a) =>
      a.required ? `${a.name}:${placeholder(a)}` : `[${a.name}:${placeholder(a)}]`,
    );
    return [head(c), ...args].join(" ");
  };
  return {
    command,
    usage: (ref: UsageRef) => usageOf(index, ref, one, "discord"),
    term: (ref: TermRef) => (ref.term === "workspace" ? "server" : "servers"),
  };
}

function usageOf(
  index: CommandIndex,
  ref: UsageRef,
  one: (c: Command) => string,
  platform: Platform,
): string {
  if (index.byName(ref.usage)) return one(named(index, ref.usage, platform));
  const members = index.group(ref.usage).filter((c) => reachable(c, platform));
  if (members.length === 0) unknown(ref.usage);
  return members.map(one).join(" | ");
}
