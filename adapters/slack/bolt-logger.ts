import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/ports.js";

/** Slack tokens and secrets look like this; they are blanked out of anything Bolt asks us to log. */
const SECRET = /\b(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]+/g;

/** One log line from Bolt's loose arguments (strings, errors, objects), with any token blanked out. */
export function logText(args: readonly unknown[]): string {
  return args
    .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === "string" ? a : safeJson(a)))
    .join(" ")
    .replace(SECRET, "[redacted]");
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // A circular object (an HTTP request, say) still deserves a line rather than a crash of the logger.
    return String(value);
  }
}

/** The first error among Bolt's arguments as a log field, so its stack and causes are written too. */
function errorIn(args: readonly unknown[]): Record<string, unknown> | undefined {
  const error = args.find((a) => a instanceof Error);
  return error === undefined ? undefined : { error };
}

/**
 * Bolt, its WebClient and its Socket Mode client log through this into srm-bot's logger. Their debug
 * lines carry whole payloads, so they are dropped, and reporting INFO as the level stops Bolt from
 * building them at all.
 */
export function boltLogger(logger: Logger): BoltLogger {
  return {
    debug: () => {},
    info: (...args: unknown[]) => logger.info(`slack: ${logText(args)}`),
    warn: (...args: unknown[]) => logger.warn(`slack: ${logText(args)}`, errorIn(args)),
    error: (...args: unknown[]) => logger.error(`slack: ${logText(args)}`, errorIn(args)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}
