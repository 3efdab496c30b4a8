/** What a `/srm ...` command asks for, before any use case runs. */
export type Intent =
  | { readonly kind: "help" }
  | { readonly kind: "lookup"; readonly text: string }
  | { readonly kind: "quiz" }
  | { readonly kind: "answer"; readonly response: readonly string[] }
  | { readonly kind: "reveal" }
  | { readonly kind: "leaderboard"; readonly args: readonly string[] }
  | { readonly kind: "stats"; readonly about: string | null }
  | { readonly kind: "competition"; readonly action: "start" | "end" | "status"; readonly args: string }
  | {
      readonly kind: "daily";
      readonly action: "now" | "set" | "status" | "off" | "skip" | "pause" | "resume" | "leaderboard";
      readonly args: readonly string[];
    }
  | { readonly kind: "settings"; readonly args: readonly string[] }
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
    "/srm settings | /srm settings services <ec2,rds,...|all> | /srm settings difficulty <easy|medium|hard|any> | /srm settings speed-bonus <on|off>",
} as const;

/** Reads the text after `/srm` as an intent. Anything that is not a command word is a lookup. */
export function parseCommand(raw: string): Intent {
  const text = stripPrefix(raw);
  const [first = "", ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  const tail = text.slice(first.length).trim();
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
      return { kind: "usage", problem: `Unknown competition command "${rest[0]}"`, usage: USAGE.competition };
    }
    case "daily": {
      const action = (rest[0] ?? "status").toLowerCase();
      const actions = ["now", "set", "status", "off", "skip", "pause", "resume", "leaderboard"] as const;
      const known = actions.find((a) => a === action);
      if (known) return { kind: "daily", action: known, args: rest.slice(1) };
      return { kind: "usage", problem: `Unknown daily command "${rest[0]}"`, usage: USAGE.daily };
    }
    case "settings":
      return { kind: "settings", args: rest };
    default:
      return { kind: "lookup", text };
  }
}
