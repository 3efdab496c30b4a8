import { execFile } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import type { PgDb } from "./db.js";

const run = promisify(execFile);

/** `srm db backup` on PostgreSQL cannot run pg_dump: the reason says what to install or fix. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupRefused";
  }
}

/** A pg_dump found on this machine, with its major version. */
export interface PgDumpTool {
  readonly path: string;
  readonly major: number;
}

/** Where to look for pg_dump: the PATH's folders and Debian's per-version folders. */
export interface ToolSearch {
  readonly path: string | undefined;
  /** Default ["/usr/lib/postgresql"]: each <root>/<major>/bin is searched. */
  readonly roots?: readonly string[];
}

/** Every pg_dump on PATH or in /usr/lib/postgresql/<major>/bin that answers --version, newest first. */
export async function findPgDump(search: ToolSearch): Promise<PgDumpTool[]> {
  const folders = (search.path ?? "").split(delimiter).filter((f) => f !== "");
  for (const root of search.roots ?? ["/usr/lib/postgresql"])
    if (existsSync(root)) for (const v of readdirSync(root)) folders.push(join(root, v, "bin"));
  const tools: PgDumpTool[] = [];
  for (const folder of new Set(folders)) {
    const path = join(folder, "pg_dump");
    if (!existsSync(path)) continue;
    const major = await versionOf(path);
    if (major !== null) tools.push({ path, major });
  }
  return tools.sort((a, b) => b.major - a.major);
}

async function versionOf(path: string): Promise<number | null> {
  try {
    const { stdout } = await run(path, ["--version"], { timeout: 10_000 });
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return m ? Number(m[1]) : null;
  } catch (error) {
    // A pg_dump that cannot run (Debian's wrapper with no client installed) is no candidate.
    if (error instanceof Error) return null;
    throw error;
  }
}

const INSTALL = (major: number) =>
  `Install the client of the server's version: apt-get install -y postgresql-client-${major} (Debian and Ubuntu; ` +
  "versions Debian does not ship come from apt.postgresql.org), or brew install libpq on macOS.";

/**
 * Dumps the database with pg_dump in its custom format (what pg_restore reads) to `file`, written beside it
 * under another name and renamed when complete. The password goes to pg_dump in its environment, never
 * on its command line (which other users of the machine can read).
 */
export async function dumpPostgres(
  db: PgDb,
  url: string,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  search: ToolSearch,
): Promise<{ tool: PgDumpTool; bytes: number; serverMajor: number }> {
  if (existsSync(file)) throw new BackupRefused(`${file} already exists; choose a new file name.`);
  const serverMajor = Math.floor(
    Number((await db.one<{ server_version_num: string }>("SHOW server_version_num"))?.server_version_num) /
      10_000,
  );
  const [tool] = await findPgDump(search);
  if (!tool)
    throw new BackupRefused(
      `pg_dump is not installed (looked on PATH and in /usr/lib/postgresql/<version>/bin). ${INSTALL(serverMajor)}`,
    );
  if (tool.major < serverMajor)
    throw new BackupRefused(
      `The newest pg_dump here (${tool.path}) is version ${tool.major}, older than the server (PostgreSQL ${serverMajor}), ` +
        `and pg_dump cannot dump a newer server. ${INSTALL(serverMajor)}`,
    );
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = "";
  const partial = `${file}.partial`;
  try {
    await run(
      tool.path,
      ["--format=custom", "--no-password", `--file=${partial}`, `--dbname=${target.toString()}`],
      {
        env: { ...env, ...(password ? { PGPASSWORD: password } : {}) },
        timeout: 6 * 60 * 60 * 1000,
      },
    );
  } catch (error) {
    rmSync(partial, { force: true });
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new BackupRefused(
      `pg_dump failed: ${typeof stderr === "string" && stderr.trim() ? stderr.trim() : (error as Error).message}`,
    );
  }
  renameSync(partial, file);
  return { tool, bytes: statSync(file).size, serverMajor };
}

/** The pg_restore command that puts a backup back into the database at `url` (its password left out). */
export function restoreCommand(url: string, file: string): string {
  const target = new URL(url);
  target.password = "";
  return `pg_restore --clean --if-exists --no-owner --single-transaction --dbname '${target.toString()}' '${file}'`;
}
