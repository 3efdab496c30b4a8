import { Transform } from "node:stream";
import pino from "pino";
import pretty from "pino-pretty";
import { credentialsIn, type LogLevel } from "./config.js";
import type { Logger } from "./ports.js";

/** Where logs go and how they look. */
export interface LogOptions {
  readonly level: LogLevel;
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Values that must never appear in a log line (tokens, signing secrets): replaced by [redacted]. */
  readonly secrets: readonly string[];
}

/** Text with every secret value (of six characters or more) replaced by [redacted]. */
export function scrubbed(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const v of secrets) if (v.length >= 6) out = out.split(v).join("[redacted]");
  return out;
}

/** A stream that replaces every secret value before a line is written, whatever field it hides in. */
function scrubbing(target: NodeJS.WritableStream, secrets: readonly string[]): NodeJS.WritableStream {
  if (!secrets.some((s) => s.length >= 6)) return target;
  const scrubber = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, scrubbed(chunk.toString("utf8"), secrets));
    },
  });
  scrubber.pipe(target);
  return scrubber;
}

/** A structured pino logger: JSON lines, or readable colour when writing to a terminal. */
export function createLogger(o: LogOptions): Logger & { readonly pino: pino.Logger } {
  const out = scrubbing(o.stream, o.secrets);
  const destination = o.stream.isTTY ? pretty({ destination: out, colorize: true, sync: true }) : out;
  const log = pino(
    {
      level: o.level,
      base: { app: "srm-bot" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["token", "*.token", "secret", "*.secret", "authorization", "*.authorization"],
        censor: "[redacted]",
      },
    },
    destination as pino.DestinationStream,
  );
  return {
    pino: log,
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
    debug: (message, fields) => log.debug(fields ?? {}, message),
  };
}

/** The secret values of a configuration, for scrubbing. */
export function secretsOf(config: {
  slack: {
    botToken: string;
    appToken: string | null;
    signingSecret: string | null;
    apiUrl: string | null;
  } | null;
  discord: { token: string; apiUrl: string | null } | null;
}): string[] {
  return [
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
    config.discord?.token,
    ...credentialsIn(config.slack?.apiUrl),
    ...credentialsIn(config.discord?.apiUrl),
  ].filter((s): s is string => typeof s === "string" && s !== "");
}

/** A logger with no secrets to scrub, writing JSON lines (readable colour on a terminal). */
export function jsonLogger(level: LogLevel, stream: NodeJS.WritableStream & { isTTY?: boolean }): Logger {
  return createLogger({ level, stream, secrets: [] });
}
