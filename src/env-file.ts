import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { ConfigError } from "./config.js";

/** The settings file read from the working folder at start, as `.env.example` tells operators to make. */
export const ENV_FILE = ".env";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The environment with `<cwd>/.env` under it: a variable already set in the environment wins over the
 * file, as with `node --env-file`, so a service manager's settings are never overridden by a stray file.
 * Without a file the environment comes back as it is. A line that is not NAME=value stops start-up.
 */
export function withEnvFile(env: Env, cwd: string): Env {
  const path = join(cwd, ENV_FILE);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return env;
    throw new ConfigError(
      path,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      "Make it a readable file of NAME=value lines (see .env.example), or remove it.",
    );
  }
  const bad = malformedLine(text);
  if (bad !== null)
    throw new ConfigError(
      path,
      `line ${bad.number} is not NAME=value ("${bad.text.slice(0, 40)}")`,
      "Write each setting as NAME=value (see .env.example), or comment the line out with #.",
    );
  const merged: Record<string, string | undefined> = { ...parseEnv(text) };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) merged[name] = value;
  return merged;
}

/** The first line that is neither blank, a comment, NAME=value nor inside a quoted multi-line value. */
function malformedLine(text: string): { number: number; text: string } | null {
  const lines = text.split(/\r?\n/);
  let openQuote: string | null = null;
  for (const [i, line] of lines.entries()) {
    if (openQuote !== null) {
      if (line.includes(openQuote)) openQuote = null;
      continue;
    }
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const m = /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*(.*)$/.exec(trimmed);
    if (!m) return { number: i + 1, text: trimmed };
    const value = m[1] ?? "";
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === "`") && !value.slice(1).includes(quote))
      openQuote = quote;
  }
  return null;
}
