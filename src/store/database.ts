import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";
import {
  DatabaseDamaged,
  DatabaseMissing,
  DatabaseReadOnly,
  isDamage,
  isUnwritable,
  sqliteCode,
} from "./database-errors.js";
import { applyMigrations, type MigrationReport } from "./migrate.js";

/** An open SQLite database handle. */
export type Db = Database.Database;

/** The file that says a database was created beside it: `<database>.created`. It outlives the database. */
export function createdMarkerPath(dbPath: string): string {
  return `${dbPath}.created`;
}

/**
 * Opens (creating it on first use) the SQLite file, turns on WAL and foreign keys, checks it is readable
 * (quick_check) and writable, and migrates it. Refuses, with what to do, a damaged or read-only file, and
 * a missing file where one was created before: starting on an empty database would lose every score.
 */
export function openDatabase(path: string, migrationsDir: string): { db: Db; migrations: MigrationReport } {
  const onDisk = path !== ":memory:";
  if (onDisk) {
    mkdirSync(dirname(path), { recursive: true });
    refuseLostDatabase(path);
  }
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw unusable(path, error);
  }
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = NORMAL");
    if (onDisk) {
      const quick = db.pragma("quick_check", { simple: true });
      if (quick !== "ok") throw new DatabaseDamaged(path, `quick_check: ${String(quick)}`);
    }
    const migrations = applyMigrations(db, migrationsDir);
    if (onDisk) {
      probeWrite(db);
      markCreated(path);
    }
    return { db, migrations };
  } catch (error) {
    db.close();
    throw unusable(path, error);
  }
}

function refuseLostDatabase(path: string): void {
  const marker = createdMarkerPath(path);
  if (!existsSync(marker)) return;
  if (existsSync(path) && statSync(path).size > 0) return;
  // Copies a running bot saved when it saw the file go, oldest first (their names sort by time).
  const rescued = readdirSync(dirname(path))
    .filter((f) => f.startsWith(`${basename(path)}.rescued-`) && !/-(wal|shm|journal)$/.test(f))
    .sort()
    .map((f) => join(dirname(path), f));
  throw new DatabaseMissing(path, marker, rescued);
}

/** Writes the marker once: from then on a missing database is refused instead of created empty. */
export function markCreated(path: string): void {
  const marker = createdMarkerPath(path);
  if (existsSync(marker)) return;
  writeFileSync(
    marker,
    `srm-bot created ${basename(path)} in this folder on ${new Date().toISOString()}.\n` +
      `If ${basename(path)} goes missing, srm-bot refuses to start on an empty one: restore a backup with\n` +
      `"srm db restore <file>", or delete this file to start afresh on purpose.\n`,
  );
}

/**
 * A file the process may not write opens and reads normally; only the first write fails. A write rolled
 * back at once finds that out at start, not at the first person's answer.
 */
function probeWrite(db: Db): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  db.exec("BEGIN IMMEDIATE");
  try {
    db.pragma(`user_version = ${version + 1}`);
  } finally {
    db.exec("ROLLBACK");
  }
}

/** An open failure as what it means for the operator, when SQLite's code says. */
function unusable(path: string, error: unknown): unknown {
  const code = sqliteCode(error);
  if (isDamage(code)) return new DatabaseDamaged(path, code);
  if (isUnwritable(code)) return new DatabaseReadOnly(path, code);
  return error;
}

/**
 * Every problem `PRAGMA integrity_check` finds in the file (reading every page and index), or a single
 * line when SQLite cannot read it as a database at all; empty when the file is whole.
 */
export function integrityProblems(path: string): string[] {
  try {
    return integrityCheck(path, true);
  } catch (error) {
    // A file left mid-write by a killed process has a journal to roll back first, which a read-only open
    // cannot do; an ordinary open rolls it back, as the bot's next start would, and then checks.
    if (!sqliteCode(error).startsWith("SQLITE_READONLY")) throw error;
    return integrityCheck(path, false);
  }
}

function integrityCheck(path: string, readonly: boolean): string[] {
  let db: Db | null = null;
  try {
    db = new Database(path, { readonly, fileMustExist: true });
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    const lines = rows.map((r) => r.integrity_check);
    return lines.length === 1 && lines[0] === "ok" ? [] : lines;
  } catch (error) {
    const code = sqliteCode(error);
    if (!isDamage(code)) throw error;
    return [`SQLite cannot read it (${code})`];
  } finally {
    db?.close();
  }
}
