import type { Text } from "../domain/text.js";
import type { EngineDeps } from "../engine.js";
import type { Actor, ChannelRef, Platform } from "../ports.js";
import type { RoundService } from "../quiz/rounds.js";
import type { Reply } from "../views/card.js";
import type { CommandIndex } from "./read.js";

/** What an argument holds: a word or text, one of fixed choices, a person, or a whole number. */
export type ArgKind = "text" | "choice" | "person" | "integer";

/** Where a front end may suggest values while the argument is typed (Discord's autocomplete). */
export type Suggest = "service" | "area" | "period" | "path";

/** One argument of a command, declared once for every front end. */
export interface ArgSpec {
  readonly name: string;
  /** One line for help and for Discord's option description. */
  readonly description: string;
  readonly kind: ArgKind;
  readonly required?: boolean;
  /** The values a `choice` argument accepts (lowercase). */
  readonly choices?: readonly string[];
  /** Longest text accepted. */
  readonly maxLength?: number;
  /** Bounds of an `integer` argument. */
  readonly min?: number;
  readonly max?: number;
  readonly suggest?: Suggest;
  /** In the text grammar, takes the rest of the line (the last argument only). */
  readonly rest?: boolean;
  /** A value that works, for a required argument: the contract test reaches the command with it. */
  readonly example?: string;
  /** The placeholder in a usage line ("HH:MM", "letter"); the argument's name when absent. */
  readonly placeholder?: string;
}

/** Argument values by name, validated against the command's declaration. */
export type ArgValues = Readonly<Record<string, string | number | undefined>>;

/** Help's sections, in the order help shows them. */
export type HelpGroup = "lookups" | "questions" | "practice" | "admin";

/** What a command's run gets: who asked, where, the use cases, and the engine's shared steps. */
export interface CommandContext {
  readonly actor: Actor;
  readonly channel: ChannelRef;
  readonly deps: EngineDeps;
  readonly steps: EngineSteps;
  /** Every command, for help. */
  readonly commands: CommandIndex;
}

/** Steps several commands share, owned by the engine. */
export interface EngineSteps {
  /** The reply to an answer just given (a private result, or the locked notice of a channel question). */
  afterAnswer(actor: Actor, result: Awaited<ReturnType<RoundService["answer"]>>): Promise<Reply>;
  /** Resolves once pending message updates are done (before a reveal or a withdrawal). */
  idle(): Promise<void>;
  /** Answers a lookup and records it anonymously. */
  lookup(text: string, channel: ChannelRef): Reply;
}

/** One command, declared once: the text grammar, Discord's slash commands, help and the contract test read it. */
export interface Command {
  /** One word, or a group and a word ("daily set"). */
  readonly name: string;
  /** Other words the text grammar accepts for it (full names: "lb", "comp start"). */
  readonly aliases?: readonly string[];
  /** A whole text that means this command ("i don't know"). */
  readonly phrase?: RegExp;
  /** One line for help and Discord's description (at most 100 characters). */
  readonly summary: string;
  readonly group: HelpGroup;
  readonly args: readonly ArgSpec[];
  /** Who may run it: admins only, everyone, or admins only for some arguments (settings changes). */
  readonly admin?: boolean | ((args: ArgValues) => boolean);
  /** Whether its work may outlast a platform's first-reply deadline (it posts or edits channel messages). */
  readonly slow?: boolean;
  /** The text grammar's default: anything that is no command word is this command (lookups). */
  readonly fallback?: boolean;
  /** Printed without its name in the text grammar (lookups: `/srm ec2 os-patching`). */
  readonly bare?: boolean;
  /** The command only when typed alone; with more words the text is a lookup ("stop" vs "stop words"). */
  readonly aloneOnly?: boolean;
  /** The group's command run when only the group is typed ("daily" is "daily status"). */
  readonly groupDefault?: boolean;
  /** Reads the text after the command's name when the positional reading does not fit. */
  readonly readText?: (rest: string) => ArgValues | { readonly problem: Text };
  /** What help says of it beyond the usage and summary: examples, each a line. */
  readonly help?: readonly Text[];
  /** A problem named when a required argument is missing ("Say which answer you choose"). */
  readonly missing?: string;
  /** Front ends this command cannot be reached from, with the reason. */
  readonly unreachable?: Readonly<Partial<Record<"terminal" | "slack" | "discord", string>>>;
  /** Runs it. Expected failures come back as replies; only bugs throw. */
  run(ctx: CommandContext, args: ArgValues): Reply | Promise<Reply>;
}

/** Declares a command (an identity function that checks the declaration's type). */
export function defineCommand(command: Command): Command {
  return command;
}

/** A string argument's value ("" when left out). */
export function str(args: ArgValues, name: string): string {
  const v = args[name];
  return v === undefined ? "" : String(v);
}

/** Whether a front end reaches a command. */
export function reachable(c: Command, platform: Platform): boolean {
  return c.unreachable?.[platform] === undefined;
}
