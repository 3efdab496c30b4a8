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
/**
 * The same commands as Discord's slash commands: the top-level command, the subcommand ("daily set" is
 * set in the group daily) and the options. Settings live under /srm, where members may read them.
 */
export const DISCORD_ADMIN_COMMANDS: readonly (readonly [
  "srm" | "srm-admin",
  string,
  Readonly<Record<string, string>>,
])[] = [
  ["srm-admin", "reveal", {}],
  ["srm-admin", "void", {}],
  ["srm-admin", "daily now", {}],
  ["srm-admin", "daily set", { schedule: "09:00 Europe/Berlin mon-fri reveal 17:00" }],
  ["srm-admin", "daily off", {}],
  ["srm-admin", "daily skip", { date: "tomorrow" }],
  ["srm-admin", "daily pause", { until: "until 2026-12-01" }],
  ["srm-admin", "daily resume", {}],
  ["srm-admin", "daily leaderboard", { when: "mon 09:00" }],
  ["srm-admin", "competition start", { name: "Member Cup", length: "2w" }],
  ["srm-admin", "competition end", {}],
  ["srm", "settings", { name: "services", value: "ec2" }],
  ["srm", "settings", { name: "difficulty", value: "hard" }],
  ["srm", "settings", { name: "speed-bonus", value: "on" }],
];

/** What an admin sets up first, so that every refused command would have had something to change. */
export const ADMIN_SETUP = [
  "daily set 08:00 UTC mon-sun reveal after 2h",
  'competition start "Admin Cup" 2w',
  "settings difficulty easy",
  "daily now",
] as const;
