import { SRM_ADMIN_COMMAND, SRM_COMMAND } from "./commands.js";

/** The options of one slash command invocation, read through discord.js. */
export interface CommandOptions {
  readonly subcommand: string | null;
  /** A string option's value, or null when it was left out. */
  string(name: string): string | null;
  /** A user option's id, or null when it was left out. */
  user(name: string): string | null;
}

/** What one slash command asks of the engine. */
export interface CommandPlan {
  /** The `/srm ...` text the engine's grammar reads. */
  readonly text: string;
  /** For admin commands, the command as refusals name it ("daily now"); null for everyone's commands. */
  readonly admin: string | null;
  /** Whether the work may outlast Discord's 3 s (it talks to Discord itself): the reply is deferred at once. */
  readonly slow: boolean;
  /** The subcommand, for logs and for help's Discord notes. */
  readonly subcommand: string;
}

const LONGEST_VALUE = 300;

/**
 * An option value as one line of words: Discord lets people paste newlines and control characters,
 * and the engine's grammar splits on spaces, so both are flattened here.
 */
export function cleanValue(value: string | null): string {
  if (value === null) return "";
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, LONGEST_VALUE)
  );
}

const join = (...parts: string[]) => parts.filter((p) => p !== "").join(" ");

const QUOTES = /["“”']/;

function everyone(sub: string, o: CommandOptions): string | null {
  switch (sub) {
    case "lookup":
      // The leading word keeps the rest a lookup, whatever the person typed ("lookup reveal" is a lookup).
      return join("lookup", cleanValue(o.string("service")), cleanValue(o.string("area")));
    case "ask":
      return join("ask", cleanValue(o.string("text")));
    case "help":
    case "quiz":
    case "skip":
    case "stop":
      return sub;
    case "dont-know":
      return "idk";
    case "answer":
      return join("answer", cleanValue(o.string("choice")));
    case "leaderboard":
      return join("leaderboard", cleanValue(o.string("period")));
    case "stats": {
      const person = o.user("person");
      // A mention reads well in a refusal ("No stats for @bob yet") and the engine resolves it to the id.
      return person && /^\d{1,25}$/.test(person) ? `stats <@${person}>` : "stats";
    }
    case "competition-status":
      return "competition status";
    case "daily-status":
      return "daily status";
    default:
      return null;
  }
}

function admin(sub: string, o: CommandOptions): { text: string; admin: string } | null {
  switch (sub) {
    case "reveal":
      return { text: "reveal", admin: "reveal" };
    case "void":
      return { text: "void", admin: "void" };
    case "daily-now":
      return { text: "daily now", admin: "daily now" };
    case "daily": {
      // The leading "daily" keeps whatever was typed within the daily commands.
      const schedule = cleanValue(o.string("schedule"));
      return { text: join("daily", schedule), admin: join("daily", schedule.split(" ")[0] ?? "") };
    }
    case "competition-start": {
      const name = cleanValue(o.string("name"));
      const length = cleanValue(o.string("length")).replace(/\s+/g, "");
      // Quotes inside a name would end the quoted form early; the unquoted form takes the last word as the length.
      const quoted = QUOTES.test(name) ? name : `"${name}"`;
      return {
        text: join("competition start", name === "" ? "" : quoted, length),
        admin: "competition start",
      };
    }
    case "competition-end":
      return { text: "competition end", admin: "competition end" };
    case "settings":
      return {
        text: join("settings", cleanValue(o.string("name")), cleanValue(o.string("value"))),
        admin: "settings",
      };
    default:
      return null;
  }
}

/** Maps a slash command to the engine's text grammar; null for a command this version does not know. */
export function planCommand(command: string, o: CommandOptions): CommandPlan | null {
  const sub = o.subcommand ?? "";
  if (command === SRM_COMMAND) {
    const text = everyone(sub, o);
    return text === null ? null : { text, admin: null, slow: false, subcommand: sub };
  }
  if (command === SRM_ADMIN_COMMAND) {
    const plan = admin(sub, o);
    // These may post or edit channel messages ("daily now" too), which can wait out a rate limit.
    const slow = sub === "reveal" || sub === "void" || sub === "daily-now" || sub === "daily";
    return plan === null ? null : { ...plan, slow, subcommand: sub };
  }
  return null;
}
