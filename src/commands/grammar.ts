import type { Confidence } from "../domain/memory.js";
import { echo } from "../views/echo.js";

/** What a `/srm ...` command asks for, before any use case runs. */
export type Intent =
  | { readonly kind: "help" }
  | { readonly kind: "lookup"; readonly text: string }
  | { readonly kind: "quiz" }
  | { readonly kind: "answer"; readonly response: readonly string[] }
  | { readonly kind: "reveal" }
  | { readonly kind: "void" }
  | { readonly kind: "leaderboard"; readonly args: readonly string[] }
  | { readonly kind: "stats"; readonly about: string | null }
  | { readonly kind: "competition"; readonly action: "start" | "end" | "status"; readonly args: string }
  | {
      readonly kind: "daily";
      readonly action: "now" | "set" | "status" | "off" | "skip" | "pause" | "resume" | "leaderboard";
      readonly args: readonly string[];
    }
  | { readonly kind: "settings"; readonly args: readonly string[] }
  | {
      readonly kind: "practice";
      readonly mode: "practice" | "review" | "cram";
      readonly scope: string | null;
    }
  | { readonly kind: "sure"; readonly confidence: Confidence }
  | { readonly kind: "drill"; readonly text: string }
  | { readonly kind: "pass"; readonly how: "skip" | "dont-know" }
  | { readonly kind: "stop" }
  | { readonly kind: "usage"; readonly problem: string; readonly usage: string };

/** Strips a leading "/srm" (or "srm") and surrounding space from what a person typed. */
export function stripPrefix(text: string): string {
  return text.replace(/^\s*\/?srm\b/i, "").trim();
}

/** Usage lines of the commands that take arguments. */
export const USAGE = {
  answer: "/srm answer <letter> | /srm answer A C (select all) | /srm answer aws customer ... (split duties)",
  competition:
    '/srm competition start "<name>" <2w | 10d | 36h | YYYY-MM-DD> | /srm competition end | /srm competition status',
  daily:
    "/srm daily set <HH:MM> [timezone] [days] [reveal <HH:MM> | reveal after <N>h] | status | off | now | skip <date> | pause until <date> | resume | leaderboard <day> <HH:MM>",
  settings:
    "/srm settings | /srm settings services <ec2,rds,...|all> | /srm settings difficulty <easy|medium|hard|any> | /srm settings speed-bonus <on|off> | /srm settings pick <rotation|memory> | /srm settings digest <on|off>",
  sure: "/srm sure <guess|fairly|certain> (how sure you were of your last right answer)",
  drill: "/srm drill <service> <area> (add that cell to your cards and be asked it)",
} as const;

/** "i don't know", "dont know", "don't know" and the like, with the curly apostrophe too. */
const DONT_KNOW = /^(?:i\s+)?do(?:n['’]?t|\s+not)\s+know[.!]?$/i;

/** Reads the text after `/srm` as an intent. Anything that is not a command word is a lookup. */
export function parseCommand(raw: string): Intent {
  const text = stripPrefix(raw);
  const [first = "", ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  const tail = text.slice(first.length).trim();
  if (DONT_KNOW.test(text)) return { kind: "pass", how: "dont-know" };
  switch (word) {
    case "":
    case "help":
    case "?":
    case "--help":
    case "-h":
      return { kind: "help" };
    case "lookup":
    case "ask":
      return { kind: "lookup", text: tail };
    case "quiz":
      return { kind: "quiz" };
    case "answer":
      if (rest.length === 0)
        return { kind: "usage", problem: "Say which answer you choose", usage: USAGE.answer };
      return { kind: "answer", response: rest.flatMap((r) => r.split(",")).filter((r) => r !== "") };
    case "reveal":
      return { kind: "reveal" };
    case "void":
    case "withdraw":
      return { kind: "void" };
    case "leaderboard":
    case "lb":
    case "scores":
      return { kind: "leaderboard", args: rest };
    case "stats":
      return { kind: "stats", about: tail === "" ? null : tail };
    case "competition":
    case "comp": {
      const action = (rest[0] ?? "status").toLowerCase();
      if (action === "start" || action === "end" || action === "status")
        return { kind: "competition", action, args: rest.slice(1).join(" ") };
      return {
        kind: "usage",
        problem: `Unknown competition command "${echo(rest[0] ?? "")}"`,
        usage: USAGE.competition,
      };
    }
    case "daily": {
      const action = (rest[0] ?? "status").toLowerCase();
      const actions = ["now", "set", "status", "off", "skip", "pause", "resume", "leaderboard"] as const;
      const known = actions.find((a) => a === action);
      if (known) return { kind: "daily", action: known, args: rest.slice(1) };
      return { kind: "usage", problem: `Unknown daily command "${echo(rest[0] ?? "")}"`, usage: USAGE.daily };
    }
    case "settings":
      return { kind: "settings", args: rest };
    case "practice":
    case "practise":
      return { kind: "practice", mode: "practice", scope: null };
    case "review":
      return { kind: "practice", mode: "review", scope: null };
    case "cram":
      return { kind: "practice", mode: "cram", scope: tail === "" ? null : tail };
    case "sure": {
      const level = (rest[0] ?? "").toLowerCase();
      if (level === "guess" || level === "fairly" || level === "certain")
        return { kind: "sure", confidence: level };
      return {
        kind: "usage",
        problem: rest[0] ? `"${echo(rest[0])}" is not guess, fairly or certain` : "Say how sure you were",
        usage: USAGE.sure,
      };
    }
    case "skip":
      if (tail === "") return { kind: "pass", how: "skip" };
      return { kind: "lookup", text };
    case "idk":
    case "dunno":
      if (tail === "") return { kind: "pass", how: "dont-know" };
      return { kind: "lookup", text };
    case "stop":
      if (tail === "") return { kind: "stop" };
      return { kind: "lookup", text };
    case "drill":
      if (tail === "") return { kind: "usage", problem: "Name a service and an area", usage: USAGE.drill };
      return { kind: "drill", text: tail };
    default:
      return { kind: "lookup", text };
  }
}
