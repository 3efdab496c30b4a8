import type { LogLevel } from "./config.js";
import type { Logger } from "./ports.js";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** A logger that writes one JSON object per line (level, time, message, fields) at or above `level`. */
export function jsonLogger(level: LogLevel, stream: NodeJS.WritableStream, clock = () => new Date()): Logger {
  const write = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    stream.write(`${JSON.stringify({ level: at, time: clock().toISOString(), msg: message, ...fields })}\n`);
  };
  return {
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
  };
}
