import { isAbsolute, join, resolve } from "node:path";
import { ADMIN_IDS_FIX, adminIdProblem } from "./admin-ids.js";
import { type SlackConfig, slackConfig } from "./config-slack.js";
import { packageRoot } from "./paths.js";

export type { SlackConfig } from "./config-slack.js";

/** Every setting srm-bot reads, validated. */
export interface Config {
  /** SQLite file (SRM_DB), or ":memory:". */
  readonly dbPath: string;
  /** PostgreSQL, when SRM_DATABASE_URL is set; null keeps SQLite at `dbPath`. */
  readonly postgres: PostgresConfig | null;
  /** Folder with matrix/, scenarios/ and schema/ (SRM_CONTENT_DIR). */
  readonly contentDir: string;
  readonly migrationsDir: string;
  /** PostgreSQL's migrations: the same versions as SQLite's from 0014 on. */
  readonly postgresMigrationsDir: string;
  /** User ids allowed to run admin commands on every platform (SRM_ADMINS). */
  readonly admins: ReadonlySet<string>;
  readonly logLevel: LogLevel;
  /** HTTP port for Slack's HTTP mode and health endpoints (PORT). */
  readonly port: number;
  /** Whether PORT was set: the terminal front end serves health and metrics only then. */
  readonly portSet: boolean;
  /** How long `srm start` keeps trying to reach an unreachable platform before it gives up (SRM_CONNECT_TIMEOUT). */
  readonly connectTimeoutS: number;
  /** How late a daily post missed while the bot was down may still be made (SRM_CATCHUP_MINUTES). */
  readonly catchUpMinutes: number;
  /** Deadlines and retries of every Slack and Discord call. */
  readonly platformCalls: PlatformCallConfig;
  /** Slack, when SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID (many) is set. */
  readonly slack: SlackConfig | null;
  /** Discord, when DISCORD_TOKEN is set. */
  readonly discord: DiscordConfig | null;
}

/** How long one call to Slack or Discord may take, and how often a failed one is tried again. */
export interface PlatformCallConfig {
  /** The deadline of one HTTP request (SRM_PLATFORM_TIMEOUT_SECONDS, default 10 s). */
  readonly timeoutMs: number;
  /** Retries after a 5xx, a timeout or a 429 (SRM_PLATFORM_RETRIES, default 3). */
  readonly retries: number;
  /** The longest wait between two tries and for all of them together (SRM_PLATFORM_RETRY_SECONDS, default 60 s). */
  readonly retryWindowMs: number;
}

/** A shared PostgreSQL database for one or several replicas. */
export interface PostgresConfig {
  /** The connection URL (SRM_DATABASE_URL): postgres:// or postgresql://; holds the password, never print it. */
  readonly url: string;
  /** How long start keeps retrying an unreachable server before it fails (SRM_DATABASE_CONNECT_SECONDS, default 30 s). */
  readonly connectRetryMs: number;
}

/** Discord settings. */
export interface DiscordConfig {
  readonly token: string;
  readonly applicationId: string;
  /** REST base URL without the version (DISCORD_API_URL); null for Discord's own. */
  readonly apiUrl: string | null;
  /** Guild to register commands in for development (DISCORD_GUILD_ID); null registers globally. */
  readonly guildId: string | null;
  /** Deadline and retries of each REST call. */
  readonly calls: PlatformCallConfig;
  /** The gateway shards this replica runs (SRM_DISCORD_SHARDS); null runs all, as many as Discord recommends. */
  readonly shards: ShardSlice | null;
}

/** A run of gateway shards, first to last (inclusive) of count. */
export interface ShardSlice {
  readonly first: number;
  readonly last: number;
  readonly count: number;
}

/** The log levels LOG_LEVEL accepts. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** A setting with a wrong value: names the setting and the fix. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
    fix: string,
  ) {
    super(`${setting}: ${problem}. ${fix}`);
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the configuration; throws ConfigError naming the first wrong setting. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const root = packageRoot();
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };
  const dbRaw = get("SRM_DB") ?? "./data/srm.db";
  const dbPath = dbRaw === ":memory:" ? dbRaw : isAbsolute(dbRaw) ? dbRaw : resolve(cwd, dbRaw);
  if (dbPath.endsWith("/"))
    throw new ConfigError("SRM_DB", `"${dbRaw}" is a folder`, "Give a file path, e.g. SRM_DB=./data/srm.db.");
  const contentRaw = get("SRM_CONTENT_DIR");
  const contentDir = contentRaw ? resolve(cwd, contentRaw) : join(root, "questions");
  const admins = adminIds(get("SRM_ADMINS") ?? "");
  const levelRaw = (get("LOG_LEVEL") ?? "info").toLowerCase();
  const levels: LogLevel[] = ["debug", "info", "warn", "error", "silent"];
  if (!levels.includes(levelRaw as LogLevel))
    throw new ConfigError("LOG_LEVEL", `"${levelRaw}" is not a level`, `Use one of ${levels.join(", ")}.`);
  const portRaw = get("PORT") ?? "3000";
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port < 1 || port > 65535)
    throw new ConfigError(
      "PORT",
      `"${portRaw}" is not a TCP port`,
      "Use a whole number from 1 to 65535, e.g. PORT=3000.",
    );
  const connectRaw = get("SRM_CONNECT_TIMEOUT") ?? "300";
  const connectTimeoutS = Number(connectRaw);
  if (!/^\d+$/.test(connectRaw) || connectTimeoutS < 1 || connectTimeoutS > 86_400)
    throw new ConfigError(
      "SRM_CONNECT_TIMEOUT",
      `"${connectRaw}" is not a number of seconds from 1 to 86400`,
      "Use e.g. SRM_CONNECT_TIMEOUT=300 (how long start keeps trying to reach Slack or Discord).",
    );
  const catchUpRaw = get("SRM_CATCHUP_MINUTES") ?? "120";
  const catchUpMinutes = Number(catchUpRaw);
  if (!/^\d+$/.test(catchUpRaw) || catchUpMinutes > 1440)
    throw new ConfigError(
      "SRM_CATCHUP_MINUTES",
      `"${catchUpRaw}" is not a number of minutes from 0 to 1440`,
      "Use e.g. SRM_CATCHUP_MINUTES=120 (0 never posts late).",
    );
  const platformCalls = platformCallConfig(get);
  return {
    dbPath,
    postgres: postgresConfig(get),
    contentDir,
    catchUpMinutes,
    platformCalls,
    migrationsDir: join(root, "migrations"),
    postgresMigrationsDir: join(root, "migrations", "postgres"),
    admins,
    logLevel: levelRaw as LogLevel,
    port,
    portSet: get("PORT") !== undefined,
    connectTimeoutS,
    slack: slackConfig(get, platformCalls),
    discord: discordConfig(get, platformCalls),
  };
}

function wholeNumber(
  get: (name: string) => string | undefined,
  name: string,
  fallback: number,
  range: [number, number],
  example: string,
): number {
  const raw = get(name) ?? String(fallback);
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < range[0] || n > range[1])
    throw new ConfigError(
      name,
      `"${raw}" is not a whole number from ${range[0]} to ${range[1]}`,
      `Use e.g. ${name}=${example}, or leave it unset for ${fallback}.`,
    );
  return n;
}

/** SRM_DATABASE_URL, checked without ever echoing a password back. */
function postgresConfig(get: (name: string) => string | undefined): PostgresConfig | null {
  const connectRetryMs = wholeNumber(get, "SRM_DATABASE_CONNECT_SECONDS", 30, [0, 3600], "30") * 1000;
  const raw = get("SRM_DATABASE_URL");
  return raw === undefined ? null : { url: checkedPostgresUrl("SRM_DATABASE_URL", raw), connectRetryMs };
}

/** A PostgreSQL URL given as `setting` (a variable or a command-line option); refused, without its password, when wrong. */
export function checkedPostgresUrl(setting: string, raw: string): string {
  const example = setting.startsWith("--")
    ? `${setting} postgres://srm:<password>@db.internal:5432/srm`
    : `${setting}=postgres://srm:<password>@db.internal:5432/srm`;
  const otherwise = setting === "SRM_DATABASE_URL" ? ", or leave it unset to keep SQLite at SRM_DB" : "";
  if (!URL.canParse(raw))
    throw new ConfigError(
      setting,
      "is not a URL (a password with @, :, / or # in it must be percent-encoded)",
      `Use e.g. ${example}${otherwise}.`,
    );
  const url = new URL(raw);
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:")
    throw new ConfigError(
      setting,
      `"${withoutCredentials(raw)}" is not a PostgreSQL URL (it must start with postgres:// or postgresql://)`,
      `Use e.g. ${example}${otherwise}.`,
    );
  if (url.hostname === "" && !url.searchParams.has("host"))
    throw new ConfigError(
      setting,
      `"${withoutCredentials(raw)}" names no server`,
      `Give the host, e.g. ${example} (or ?host=/var/run/postgresql for a local socket).`,
    );
  return raw;
}

function platformCallConfig(get: (name: string) => string | undefined): PlatformCallConfig {
  return {
    timeoutMs: wholeNumber(get, "SRM_PLATFORM_TIMEOUT_SECONDS", 10, [1, 120], "10") * 1000,
    retries: wholeNumber(get, "SRM_PLATFORM_RETRIES", 3, [0, 10], "3"),
    retryWindowMs: wholeNumber(get, "SRM_PLATFORM_RETRY_SECONDS", 60, [1, 600], "60") * 1000,
  };
}

/** The ids in SRM_ADMINS; refuses, at start, an entry that could never match anyone. */
function adminIds(raw: string): Set<string> {
  const entries = raw.split(",").map((s) => s.trim());
  // A comma at either end is harmless; an empty entry between two ids is most likely an id lost in an edit.
  const inner = entries.slice(1, -1);
  if (inner.includes(""))
    throw new ConfigError("SRM_ADMINS", "has an empty entry between two commas", ADMIN_IDS_FIX);
  const ids = entries.filter((s) => s !== "");
  for (const id of ids) {
    const problem = adminIdProblem(id);
    if (problem) throw new ConfigError("SRM_ADMINS", problem, ADMIN_IDS_FIX);
  }
  return new Set(ids);
}

/** A setting that holds an http(s) URL, or null when unset; anything else is refused. */
export function url(name: string, value: string | undefined, example: string): string | null {
  if (value === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(
      name,
      `"${value}" is not a URL`,
      `Give a full URL, e.g. ${name}=${example}, or leave it unset.`,
    );
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new ConfigError(name, `"${value}" is not an http(s) URL`, `Use e.g. ${name}=${example}.`);
  return value;
}

function discordConfig(
  get: (name: string) => string | undefined,
  calls: PlatformCallConfig,
): DiscordConfig | null {
  const token = get("DISCORD_TOKEN");
  const applicationId = get("DISCORD_APPLICATION_ID");
  if (!token) return null;
  if (!applicationId)
    throw new ConfigError(
      "DISCORD_APPLICATION_ID",
      "is not set, but DISCORD_TOKEN is",
      "Copy the Application ID from the General Information page of your app in the Discord Developer Portal.",
    );
  if (!/^\d{15,25}$/.test(applicationId))
    throw new ConfigError(
      "DISCORD_APPLICATION_ID",
      "is not a Discord id (digits only)",
      "Copy the Application ID from the General Information page of your app in the Discord Developer Portal.",
    );
  const guildId = get("DISCORD_GUILD_ID") ?? null;
  if (guildId !== null && !/^\d{15,25}$/.test(guildId))
    throw new ConfigError(
      "DISCORD_GUILD_ID",
      "is not a Discord id (digits only)",
      "Copy the server id (Developer Mode > Copy Server ID), or leave it unset.",
    );
  const raw = url("DISCORD_API_URL", get("DISCORD_API_URL"), "https://discord.com/api");
  return {
    token,
    applicationId,
    apiUrl: raw === null ? null : raw.replace(/\/+$/, ""),
    guildId,
    calls,
    shards: shardSlice(get("SRM_DISCORD_SHARDS")),
  };
}

const SHARDS_FIX =
  "Use FIRST-LAST/COUNT, e.g. SRM_DISCORD_SHARDS=0-3/8 for shards 0 to 3 of 8 (or 2/8 for one shard), or leave it unset to run every shard Discord recommends.";

function shardSlice(raw: string | undefined): ShardSlice | null {
  if (raw === undefined || raw.toLowerCase() === "auto") return null;
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*\/\s*(\d{1,5})$/.exec(raw);
  if (!m) throw new ConfigError("SRM_DISCORD_SHARDS", `"${raw}" is not a run of shards`, SHARDS_FIX);
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  const count = Number(m[3]);
  if (count < 1) throw new ConfigError("SRM_DISCORD_SHARDS", `"${raw}" has a count of 0 shards`, SHARDS_FIX);
  if (first > last)
    throw new ConfigError(
      "SRM_DISCORD_SHARDS",
      `"${raw}" runs backwards, from shard ${first} down to ${last}`,
      `Put the lower shard first, e.g. SRM_DISCORD_SHARDS=${last}-${first}/${count}.`,
    );
  if (last >= count)
    throw new ConfigError(
      "SRM_DISCORD_SHARDS",
      `"${raw}" names shard ${last}, but ${count} shard${count === 1 ? " is" : "s are"} numbered 0 to ${count - 1}`,
      `Keep the run inside the count, e.g. SRM_DISCORD_SHARDS=${Math.min(first, count - 1)}-${count - 1}/${count}.`,
    );
  return { first, last, count };
}

/** A URL as it may be printed: a user name and password in it (a proxy's) replaced by [redacted]. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === "" && parsed.password === "") return url;
    return `${parsed.protocol}//[redacted]@${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    // Not a URL (config has already refused those): print nothing of it.
    return "[redacted]";
  }
}

/** The credentials inside a URL, as they may appear in text: raw and decoded, with the user name. */
export function credentialsIn(url: string | null | undefined): string[] {
  if (!url) return [];
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.username === "" && parsed.password === "")) return [];
  const raw = `${parsed.username}${parsed.password ? `:${parsed.password}` : ""}`;
  return [`//${raw}@`, parsed.password, decodeURIComponent(parsed.password)].filter((s) => s !== "");
}
