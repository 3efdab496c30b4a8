/**
 * Text that names commands. A reply never spells a command's syntax itself: it carries a reference to the
 * command (by its name in the registry, with arguments) and each front end prints its own syntax, so a
 * Discord member reads `/srm-admin daily now` where a Slack member reads `/srm daily now`.
 */

/** A command named in a reply, e.g. `{ command: "daily set", args: { schedule: "09:30 Europe/Berlin" } }`. */
export interface CommandRef {
  /** The command's name in the registry (one or two words: "practice", "daily set"). */
  readonly command: string;
  /** Argument values by argument name, in the command's order; an argument left out is not printed. */
  readonly args?: Readonly<Record<string, string>>;
}

/** A command's whole usage (every argument as a placeholder), or every command of a group ("daily"). */
export interface UsageRef {
  readonly usage: string;
}

/** A word each platform says its own way: what Slack calls a workspace, Discord calls a server. */
export interface TermRef {
  readonly term: "workspace" | "workspaces";
}

/** One piece of a text: words, or a reference a front end prints. */
export type Inline = string | CommandRef | UsageRef | TermRef;

/** A text a person reads: plain words, or words with references in them. */
export type Text = string | readonly Inline[];

/** How a front end prints references. */
export interface Syntax {
  /** The command as a person types it on this front end. */
  command(ref: CommandRef): string;
  /** A command's usage, or its group's usages joined by " | ". */
  usage(ref: UsageRef): string;
  /** The platform's word for a term. */
  term(ref: TermRef): string;
}

/** A reference to a command, for use inside `say`. */
export function cmd(command: string, args?: Readonly<Record<string, string>>): CommandRef {
  return args === undefined ? { command } : { command, args };
}

/** A reference to a command's (or a group's) usage, for use inside `say`. */
export function usage(command: string): UsageRef {
  return { usage: command };
}

/** The platform's word for a workspace, for use inside `say`. */
export const WORKSPACE: TermRef = { term: "workspace" };

/** A tagged template: `say\`Reveal it with ${cmd("reveal")}.\`` is a text with a command reference in it. */
export function say(strings: TemplateStringsArray, ...values: readonly unknown[]): Text {
  const parts: (Inline | Inline[])[] = [];
  strings.forEach((s, i) => {
    if (s !== "") parts.push(s);
    if (i < values.length) parts.push(inline(values[i]));
  });
  return merge(parts);
}

/** Texts joined with a separator, keeping their references. */
export function joinText(texts: readonly Text[], separator = " "): Text {
  const parts: Inline[] = [];
  texts.forEach((t, i) => {
    if (i > 0 && separator !== "") parts.push(separator);
    parts.push(...(typeof t === "string" ? [t] : t));
  });
  return merge(parts);
}

/** A text printed with a front end's syntax. */
export function printText(t: Text, syntax: Syntax): string {
  if (typeof t === "string") return t;
  return t.map((p) => printInline(p, syntax)).join("");
}

/** One piece printed with a front end's syntax. */
export function printInline(p: Inline, syntax: Syntax): string {
  if (typeof p === "string") return p;
  if ("command" in p) return syntax.command(p);
  if ("usage" in p) return syntax.usage(p);
  return syntax.term(p);
}

function isRef(v: unknown): v is CommandRef | UsageRef | TermRef {
  return typeof v === "object" && v !== null && ("command" in v || "usage" in v || "term" in v);
}

function inline(v: unknown): Inline | Inline[] {
  if (isRef(v)) return v;
  if (Array.isArray(v)) return v as Inline[];
  return String(v);
}

function merge(parts: readonly (Inline | Inline[])[]): Text {
  const flat = parts.flat();
  const out: Inline[] = [];
  for (const p of flat) {
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else if (p !== "") out.push(p);
  }
  if (out.length === 0) return "";
  if (out.length === 1 && typeof out[0] === "string") return out[0];
  return out;
}
