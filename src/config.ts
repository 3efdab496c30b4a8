import { isAbsolute, join, resolve } from "node:path";
import { packageRoot } from "./paths.js";

/** Every setting srm-bot reads, validated. */
export interface Config {
  /** SQLite file (SRM_DB), or ":memory:". */
  readonly dbPath: string;
  /** Folder with matrix/, scenarios/ and schema/ (SRM_CONTENT_DIR). */
  readonly contentDir: string;
  readonly migrationsDir: string;
  /** User ids allowed to run admin commands on every platform (SRM_ADMINS). */
  readonly admins: ReadonlySet<string>;
  readonly logLevel: LogLevel;
  /** HTTP port for Slack's HTTP mode and health endpoints (PORT). */
  readonly port: number;
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
  const admins = new Set(
    (get("SRM_ADMINS") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  );
  for (const id of admins) {
    if (/\s/.test(id))
      throw new ConfigError(
        "SRM_ADMINS",
        `"${id}" contains a space`,
        "List user ids separated by commas, e.g. SRM_ADMINS=U012ABC,123456789012345678.",
      );
  }
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
  return {
    dbPath,
    contentDir,
    migrationsDir: join(root, "migrations"),
    admins,
    logLevel: levelRaw as LogLevel,
    port,
  };
}
