import { echo } from "../domain/echo.js";
import type { Text } from "../domain/text.js";
import type { ArgSpec, ArgValues, Command } from "./command.js";

/** A command picked out of what a person typed or chose, with its arguments checked. */
export type Invocation =
  | { readonly ok: true; readonly command: Command; readonly args: ArgValues }
  | { readonly ok: false; readonly problem: Text; readonly usage: string };

/** Strips a leading "/srm" (or "srm") and surrounding space from what a person typed. */
export function stripPrefix(text: string): string {
  return text.replace(/^\s*\/?srm\b/i, "").trim();
}

/** The commands by every word (and two-word name) the text grammar accepts. */
export class CommandIndex {
  private readonly byWords = new Map<string, Command>();
  private readonly groups = new Map<string, Command[]>();
  readonly fallback: Command;

  constructor(readonly commands: readonly Command[]) {
    for (const c of commands) {
      for (const w of [c.name, ...(c.aliases ?? [])]) {
        if (this.byWords.has(w)) throw new Error(`two commands are called "${w}"`);
        this.byWords.set(w, c);
      }
      const [group, sub] = c.name.split(" ");
      if (sub !== undefined && group !== undefined)
        this.groups.set(group, [...(this.groups.get(group) ?? []), c]);
    }
    for (const c of commands)
      for (const alias of c.aliases ?? []) {
        const [group, sub] = alias.split(" ");
        if (sub !== undefined && group !== undefined && !this.groups.has(group))
          this.groups.set(group, this.groups.get(c.name.split(" ")[0] ?? "") ?? []);
      }
    const fallback = commands.find((c) => c.fallback);
    if (!fallback) throw new Error("no command takes what is not a command word");
    this.fallback = fallback;
  }

  /** A command by its registry name. */
  byName(name: string): Command | undefined {
    const c = this.byWords.get(name);
    return c?.name === name ? c : undefined;
  }

  /** The commands of a group ("daily"), in declaration order. */
  group(name: string): readonly Command[] {
    return this.groups.get(name) ?? [];
  }

  /** Reads what a person typed after `/srm`. Anything that is no command word is a lookup. */
  read(raw: string): Invocation {
    const text = stripPrefix(raw);
    const phrase = this.commands.find((c) => c.phrase?.test(text));
    if (phrase) return check(phrase, {});
    const words = text.split(/\s+/);
    const first = (words[0] ?? "").toLowerCase();
    const second = (words[1] ?? "").toLowerCase();
    const members = this.groups.get(first);
    if (members) {
      const sub = this.byWords.get(`${first} ${second}`);
      if (sub) return this.withArgs(sub, text, 2);
      if (second === "") {
        const byDefault = members.find((c) => c.groupDefault);
        if (byDefault) return check(byDefault, {});
      }
      return {
        ok: false,
        problem: `Unknown ${first} command "${echo(words[1] ?? "")}"`,
        usage: members[0]?.name.split(" ")[0] ?? first,
      };
    }
    const command = this.byWords.get(first);
    if (!command || command.fallback) return this.withArgs(this.fallback, text, command ? 1 : 0);
    return this.withArgs(command, text, 1);
  }

  private withArgs(command: Command, text: string, skip: number): Invocation {
    const words = text.split(/\s+/);
    const rest = words.slice(skip).join(" ").trim();
    if (command.aloneOnly && rest !== "") return this.withArgs(this.fallback, text, 0);
    if (command.readText) {
      const read = command.readText(rest);
      if ("problem" in read && read.problem !== undefined)
        return { ok: false, problem: read.problem as Text, usage: command.name };
      return check(command, read as ArgValues);
    }
    return check(command, positional(command.args, rest));
  }
}

/** Values in the order of the arguments: one word each, the rest of the line for a `rest` argument. */
function positional(specs: readonly ArgSpec[], rest: string): Record<string, string> {
  const words = rest === "" ? [] : rest.split(/\s+/);
  const values: Record<string, string> = {};
  specs.forEach((spec, i) => {
    const value = spec.rest ? words.slice(i).join(" ") : words[i];
    if (value !== undefined && value !== "") values[spec.name] = value;
  });
  return values;
}

/** Checks values against a command's arguments: the same rules whichever front end supplied them. */
export function check(command: Command, raw: ArgValues): Invocation {
  const args: Record<string, string | number> = {};
  for (const spec of command.args) {
    const value = raw[spec.name];
    if (value === undefined || value === "") {
      if (spec.required)
        return refuse(command, command.missing ?? `Give the ${spec.placeholder ?? spec.name}`);
      continue;
    }
    const checked = checkValue(spec, value);
    if (typeof checked === "object") return refuse(command, checked.problem);
    args[spec.name] = checked;
  }
  return { ok: true, command, args };
}

function checkValue(spec: ArgSpec, value: string | number): string | number | { problem: string } {
  if (spec.kind === "integer") {
    const n = typeof value === "number" ? value : Number(value);
    if (!Number.isInteger(n)) return { problem: `"${echo(String(value))}" is not a whole number` };
    if (spec.min !== undefined && n < spec.min) return { problem: `${spec.name} is at least ${spec.min}` };
    if (spec.max !== undefined && n > spec.max) return { problem: `${spec.name} is at most ${spec.max}` };
    return n;
  }
  const text = String(value);
  if (spec.kind === "choice" && spec.choices) {
    const lower = text.toLowerCase();
    if (!spec.choices.includes(lower))
      return {
        problem: `Unknown ${spec.placeholder ?? spec.name} "${echo(text)}": choose ${orList(spec.choices)}`,
      };
    return lower;
  }
  if (spec.maxLength !== undefined && text.length > spec.maxLength)
    return { problem: `The ${spec.name} "${echo(text)}" is longer than ${spec.maxLength} characters` };
  return text;
}

function refuse(command: Command, problem: Text): Invocation {
  return { ok: false, problem, usage: command.name };
}

/** "a, b or c". */
export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
