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

/** An error as a log field: what an operator needs to find its cause, and nothing else it carries. */
export interface ErrorFields {
  readonly name: string;
  readonly message: string;
  /** A SQLite result code, a Node errno code or a platform's error code, when the error has one. */
  readonly code?: string | number;
  readonly stack?: string;
  /** The chain of causes, outermost first. */
  readonly cause?: readonly ErrorFields[];
  /** The errors an AggregateError gathered. */
  readonly errors?: readonly ErrorFields[];
}

/** How far a chain of causes (or an AggregateError's nesting) is followed before the log stops. */
const MAX_CHAIN = 8;
/** How many of an AggregateError's errors are logged, and how deep gathered errors nest. */
const MAX_GATHERED = 5;
const MAX_NESTING = 3;

/**
 * An error's name, message, code, stack, chain of causes and gathered errors, for a log line. Only those:
 * an error's other properties (a request's URL or body) can carry tokens. Secret values in the text are
 * still replaced by the scrubbing stream, as in any other field.
 */
export function errorFields(error: unknown, depth = 0): ErrorFields {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const seen = new Set<unknown>([error]);
  const causes: ErrorFields[] = [];
  for (let c = error.cause; c !== undefined && causes.length < MAX_CHAIN && !seen.has(c); c = causeOf(c)) {
    seen.add(c);
    causes.push(oneError(c, depth));
  }
  return { ...oneError(error, depth), ...(causes.length > 0 ? { cause: causes } : {}) };
}

/** One error of a chain, without its own causes (the chain lists them), with the errors it gathered. */
function oneError(error: unknown, depth: number): ErrorFields {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  const gathered =
    error instanceof AggregateError && depth < MAX_NESTING
      ? (error.errors as unknown[]).slice(0, MAX_GATHERED).map((e) => errorFields(e, depth + 1))
      : [];
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    ...(error.stack !== undefined ? { stack: error.stack } : {}),
    ...(gathered.length > 0 ? { errors: gathered } : {}),
  };
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

/** A log line's fields with each error among them as its ErrorFields. */
function errorsAsFields(fields: Record<string, unknown>): Record<string, unknown> {
  if (!Object.values(fields).some((v) => v instanceof Error)) return fields;
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? errorFields(v) : v]),
  );
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
      // Sites log the error itself (under `error`, or any field): its stack and causes are written here,
      // once, and never its other properties (pino would write an error's enumerable ones, URLs included).
      formatters: { log: errorsAsFields },
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
    botToken: string | null;
    appToken: string | null;
    signingSecret: string | null;
    apiUrl: string | null;
    oauth?: { clientSecret: string; stateSecret: string; secretKey: string } | null;
  } | null;
  discord: { token: string; apiUrl: string | null } | null;
  postgres?: { url: string } | null;
}): string[] {
  return [
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.signingSecret,
    config.slack?.oauth?.clientSecret,
    config.slack?.oauth?.stateSecret,
    config.slack?.oauth?.secretKey,
    config.discord?.token,
    ...credentialsIn(config.slack?.apiUrl),
    ...credentialsIn(config.discord?.apiUrl),
    ...credentialsIn(config.postgres?.url),
  ].filter((s): s is string => typeof s === "string" && s !== "");
}

/** A logger with no secrets to scrub, writing JSON lines (readable colour on a terminal). */
export function jsonLogger(level: LogLevel, stream: NodeJS.WritableStream & { isTTY?: boolean }): Logger {
  return createLogger({ level, stream, secrets: [] });
}
