import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { DatabaseUnusable } from "./database-errors.js";

/** A migration file: migrations/NNNN_name.sql. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** SHA-256 (hex) of the file's text with CRLF line ends read as LF, so a Windows checkout matches. */
  readonly checksum: string;
}

/** What applying the migrations did. */
export interface MigrationReport {
  readonly applied: readonly string[];
  readonly version: number;
  /** Migrations an earlier release applied without a checksum, whose checksum was recorded now. */
  readonly checksummed: readonly string[];
}

/** The database was written by a newer srm-bot than this one; opening it could corrupt scores. */
export class DatabaseTooNew extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly codeVersion: number,
  ) {
    super(
      `The database is at schema version ${databaseVersion}, but this srm-bot knows only up to ${codeVersion}. ` +
        "It was written by a newer release: upgrade srm-bot, or restore a backup made by this release.",
    );
    this.name = "DatabaseTooNew";
  }
}

/**
 * The migrations the database records are not the first files on disk, as applied: a file edited after it
 * was applied, removed or renamed, or a new file numbered below one already applied. Opening would run the
 * schema of one release on the data of another.
 */
export class MigrationsDiverged extends DatabaseUnusable {
  constructor(message: string) {
    super(message);
    this.name = "MigrationsDiverged";
  }
}

/** A row of the ledger. */
export interface Applied {
  readonly version: number;
  readonly name: string;
  readonly checksum: string | null;
}

/** The SHA-256 of a migration's text, line ends normalised. */
export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n"), "utf8").digest("hex");
}

/** The migration files in a folder, in order; refuses badly named files and repeated versions. */
export function readMigrations(dir: string, folder = "migrations"): Migration[] {
  const list: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".sql")) continue;
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`${folder}/${file}: name it NNNN_name.sql (four digits, lowercase name)`);
    const version = Number(m[1]);
    if (list.some((x) => x.version === version))
      throw new Error(`${folder}/${file}: version ${version} repeats`);
    const sql = readFileSync(join(dir, file), "utf8");
    list.push({ version, name: m[2] as string, sql, checksum: migrationChecksum(sql) });
  }
  return list;
}

/** A migration as its file is named, without the extension: 0014_scheduler_indexes. */
export function migrationLabel(m: { version: number; name: string }): string {
  return `${String(m.version).padStart(4, "0")}_${m.name}`;
}
const label = migrationLabel;

/**
 * Applies, in order, every migration the ledger does not list yet, each inside its own transaction. First
 * refuses a database newer than the files, or one whose applied migrations are not the first files as
 * they were applied; records the checksums an earlier release did not.
 */
export function applyMigrations(db: Database.Database, dir: string): MigrationReport {
  const migrations = readMigrations(dir);
  const latest = migrations.at(-1)?.version ?? 0;
  const ledger = readLedger(db);
  const newest = Math.max(0, ...ledger.map((r) => r.version));
  if (newest > latest) throw new DatabaseTooNew(newest, latest);
  refuseDivergence(ledger, migrations);
  const checksummed = recordMissingChecksums(db, ledger, migrations);
  const record = db.prepare(
    "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, ?, ?)",
  );
  const applied: string[] = [];
  for (const m of migrations.slice(ledger.length)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString(), m.checksum);
    }).immediate();
    applied.push(label(m));
  }
  return { applied, version: latest, checksummed };
}

/** The ledger's rows in order, creating the ledger when missing (read only when it exists). */
function readLedger(db: Database.Database): Applied[] {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, checksum TEXT) STRICT",
  );
  const checksum = hasChecksumColumn(db) ? "checksum" : "NULL AS checksum";
  return db
    .prepare(`SELECT version, name, ${checksum} FROM schema_migrations ORDER BY version`)
    .all() as Applied[];
}

function hasChecksumColumn(db: Database.Database): boolean {
  const columns = db.prepare("SELECT name FROM pragma_table_info('schema_migrations')").all() as {
    name: string;
  }[];
  return columns.some((c) => c.name === "checksum");
}

/** Refuses a ledger that is not the first files on disk, the same names and (where recorded) the same text. */
export function refuseDivergence(
  ledger: readonly Applied[],
  files: readonly Migration[],
  folder = "migrations",
): void {
  const redo =
    "Restore the file as it was when the database was migrated (migrations are never edited, renamed or " +
    "removed once released), or run the srm-bot release that applied it.";
  for (const [i, row] of ledger.entries()) {
    const file = files[i];
    if (file && file.version === row.version && file.name !== row.name)
      throw new MigrationsDiverged(
        `The database has migration ${label(row)} applied, but the file of version ${row.version} is now ` +
          `${folder}/${label(file)}.sql (renamed). ${redo}`,
      );
    if (file && file.version < row.version)
      throw new MigrationsDiverged(
        `${folder}/${label(file)}.sql was never applied to this database, but the later ${label(row)} ` +
          "was: the file was added below migrations already applied. Run the srm-bot release that migrated " +
          "this database, or restore a backup made by this release; a new migration takes a number above " +
          `${label(ledger.at(-1) ?? row)}.`,
      );
    if (!file || file.version !== row.version)
      throw new MigrationsDiverged(
        `The database has migration ${label(row)} applied, but ${folder}/${label(row)}.sql is missing ` +
          `(removed or renamed). ${redo}`,
      );
    if (row.checksum !== null && row.checksum !== file.checksum)
      throw new MigrationsDiverged(
        `${folder}/${label(file)}.sql has changed since it was applied to this database (SHA-256 ` +
          `${row.checksum.slice(0, 12)}… then, ${file.checksum.slice(0, 12)}… now). ${redo}`,
      );
  }
}

/**
 * Records the checksum of each migration an earlier release applied without one. The text on disk is
 * trusted once, at this upgrade (its name and place already matched); from then on an edit is refused.
 */
function recordMissingChecksums(
  db: Database.Database,
  ledger: readonly Applied[],
  files: readonly Migration[],
): string[] {
  const missing = ledger.flatMap((row, i) => (row.checksum === null && files[i] ? [files[i]] : []));
  if (missing.length === 0 && hasChecksumColumn(db)) return [];
  db.transaction(() => {
    // A ledger written before checksums were kept gets its column here (once, whoever comes first).
    if (!hasChecksumColumn(db)) db.exec("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT");
    const update = db.prepare(
      "UPDATE schema_migrations SET checksum = ? WHERE version = ? AND checksum IS NULL",
    );
    for (const m of missing) update.run(m.checksum, m.version);
  }).immediate();
  return missing.map(label);
}
