import { existsSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { applyMigrations, readMigrations } from "./migrate.js";
import { runningBot } from "./run-lock.js";

/** Why a restore was refused. */
export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefused";
  }
}

/** Copies the live database to `target` with SQLite's online backup: safe while the bot runs. */
export async function backupDatabase(dbPath: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(dbPath))
    throw new RestoreRefused(`There is no database at ${dbPath} to back up (check SRM_DB).`);
  if (existsSync(target)) throw new RestoreRefused(`${target} already exists; choose a new file name.`);
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(target);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}

/** Replaces the database with a backup, after checking it; refuses while a bot runs on the database. */
export async function restoreDatabase(
  backupFile: string,
  dbPath: string,
  migrationsDir: string,
): Promise<void> {
  const pid = runningBot(dbPath);
  if (pid !== null)
    throw new RestoreRefused(`A bot (pid ${pid}) is running on ${dbPath}. Stop it first, then restore.`);
  if (!existsSync(backupFile)) throw new RestoreRefused(`There is no backup file at ${backupFile}.`);
  let source: Database.Database;
  try {
    source = new Database(backupFile, { readonly: true, fileMustExist: true });
    const ok = source.pragma("integrity_check", { simple: true });
    if (ok !== "ok") throw new RestoreRefused(`${backupFile} is damaged (integrity check: ${String(ok)}).`);
    const version =
      (source.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null }).v ??
      0;
    const latest = readMigrations(migrationsDir).at(-1)?.version ?? 0;
    if (version > latest)
      throw new RestoreRefused(
        `${backupFile} was written by a newer srm-bot (schema ${version}; this one knows ${latest}). Upgrade srm-bot first.`,
      );
  } catch (error) {
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`${backupFile} is not an srm-bot database (${(error as Error).message}).`);
  }
  try {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbPath}${suffix}`, { force: true });
    await source.backup(dbPath);
  } finally {
    source.close();
  }
  // A backup from an older release is brought up to date now, so the next start finds it ready.
  const restored = new Database(dbPath);
  try {
    applyMigrations(restored, migrationsDir);
  } finally {
    restored.close();
  }
}
