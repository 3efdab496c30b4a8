import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { markCreated } from "./database.js";
import { DatabaseInUse, isBusy, isDamage, sqliteCode } from "./database-errors.js";
import { applyMigrations, readMigrations } from "./migrate.js";
import { holdExclusiveLock } from "./run-lock.js";

/** Why a restore was refused. */
export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefused";
  }
}

/** The moments of a restore, in order (a test stops a restore at each to prove none loses the database). */
export type RestoreStep = "locked" | "copying" | "checked" | "synced" | "live-settled" | "renamed";

/** Copies the live database to `target` with SQLite's online backup: safe while the bot runs. */
export async function backupDatabase(dbPath: string, target: string): Promise<{ pages: number }> {
  if (!existsSync(dbPath))
    throw new RestoreRefused(`There is no database at ${dbPath} to back up (check SRM_DB).`);
  if (existsSync(target)) throw new RestoreRefused(`${target} already exists; choose a new file name.`);
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  let pages: number;
  try {
    pages = (await db.backup(target)).totalPages;
  } finally {
    db.close();
  }
  // One self-contained file (no WAL beside it), so that copying the backup alone copies all of it.
  const copy = new Database(target);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  return { pages };
}

/**
 * Replaces the database with a backup. Refused while any process holds the database (the lock file, not
 * a pid file). The backup is copied to a file beside the database, checked, migrated and synced, and only
 * then renamed over it: a restore killed at any moment leaves the old database or the new one, never none.
 */
export async function restoreDatabase(
  backupFile: string,
  dbPath: string,
  migrationsDir: string,
  onStep: (step: RestoreStep) => void = () => {},
): Promise<void> {
  const lock = holdExclusiveLock(dbPath);
  const next = `${dbPath}.restoring`;
  try {
    onStep("locked");
    const source = openBackup(backupFile, migrationsDir);
    try {
      rmSync(next, { force: true });
      rmSync(`${next}-journal`, { force: true });
      onStep("copying");
      await source.backup(next);
    } finally {
      source.close();
    }
    prepareCopy(next, backupFile, migrationsDir);
    onStep("checked");
    syncFile(next);
    onStep("synced");
    settleLive(dbPath);
    onStep("live-settled");
    renameSync(next, dbPath);
    onStep("renamed");
    syncFile(dirname(dbPath));
    markCreated(dbPath);
  } catch (error) {
    // A refused restore leaves no half-made copy behind (after the rename there is none to remove).
    rmSync(next, { force: true });
    throw error;
  } finally {
    lock.release();
  }
}

/** Opens the backup read-only after checking it is a whole srm-bot database this release can read. */
function openBackup(backupFile: string, migrationsDir: string): Database.Database {
  if (!existsSync(backupFile)) throw new RestoreRefused(`There is no backup file at ${backupFile}.`);
  let source: Database.Database | null = null;
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
    return source;
  } catch (error) {
    source?.close();
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`${backupFile} is not an srm-bot database (${(error as Error).message}).`);
  }
}

/** The copy as a single self-contained file (no WAL beside it), checked whole and migrated to this release. */
function prepareCopy(next: string, backupFile: string, migrationsDir: string): void {
  const copy = new Database(next);
  try {
    copy.pragma("journal_mode = DELETE");
    const ok = copy.pragma("integrity_check", { simple: true });
    if (ok !== "ok")
      throw new RestoreRefused(`The copy of ${backupFile} is damaged (integrity check: ${String(ok)}).`);
    applyMigrations(copy, migrationsDir);
  } finally {
    copy.close();
  }
}

/**
 * Folds the live database's WAL into its file and removes the WAL: a WAL left beside the new file would be
 * replayed into it. Until the rename the old database stays whole. A damaged database cannot be folded; its
 * WAL is removed, since the file it belongs to is about to be replaced.
 */
function settleLive(dbPath: string): void {
  if (existsSync(dbPath)) {
    try {
      const live = new Database(dbPath, { fileMustExist: true });
      try {
        live.pragma("busy_timeout = 0");
        live.pragma("journal_mode = DELETE");
      } finally {
        live.close();
      }
      return;
    } catch (error) {
      const code = sqliteCode(error);
      if (isBusy(code))
        throw new DatabaseInUse(
          `Another process has ${dbPath} open (an srm command still running, or a bot of an older release). Stop it, then restore.`,
        );
      if (!isDamage(code)) throw error;
    }
  }
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${dbPath}${suffix}`, { force: true });
}

/** fsync of a file or a folder, so that what was written (or renamed) survives a power cut. */
function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
