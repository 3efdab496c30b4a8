/** Every admin command, as `/srm` text: what a member must be refused, whatever they try. */
export const ADMIN_COMMANDS = [
  "reveal",
  "void",
  "daily now",
  "daily set 09:00 Europe/Berlin mon-fri reveal 17:00",
  "daily off",
  "daily skip tomorrow",
  "daily pause until 2026-12-01",
  "daily resume",
  "daily leaderboard mon 09:00",
  'competition start "Member Cup" 2w',
  "competition end",
  "settings services ec2",
  "settings difficulty hard",
  "settings speed-bonus on",
] as const;

/** The same commands as Discord's `/srm-admin` subcommands and options. */
export const DISCORD_ADMIN_COMMANDS: readonly (readonly [string, Readonly<Record<string, string>>])[] = [
  ["reveal", {}],
  ["void", {}],
  ["daily-now", {}],
  ["daily", { schedule: "set 09:00 Europe/Berlin mon-fri reveal 17:00" }],
  ["daily", { schedule: "off" }],
  ["daily", { schedule: "skip tomorrow" }],
  ["daily", { schedule: "pause until 2026-12-01" }],
  ["daily", { schedule: "resume" }],
  ["daily", { schedule: "leaderboard mon 09:00" }],
  ["competition-start", { name: "Member Cup", length: "2w" }],
  ["competition-end", {}],
  ["settings", { name: "services", value: "ec2" }],
  ["settings", { name: "difficulty", value: "hard" }],
  ["settings", { name: "speed-bonus", value: "on" }],
];

/** What an admin sets up first, so that every refused command would have had something to change. */
export const ADMIN_SETUP = [
  "daily set 08:00 UTC mon-sun reveal after 2h",
  'competition start "Admin Cup" 2w',
  "settings difficulty easy",
  "daily now",
] as const;
