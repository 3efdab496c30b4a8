import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";

/** A migration file: migrations/NNNN_name.sql. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** What applying the migrations did. */
export interface MigrationReport {
  readonly applied: readonly string[];
  readonly version: number;
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

/** The migration files in a folder, in order; refuses badly named files and repeated versions. */
export function readMigrations(dir: string): Migration[] {
  const list: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".sql")) continue;
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`migrations/${file}: name it NNNN_name.sql (four digits, lowercase name)`);
    const version = Number(m[1]);
    if (list.some((x) => x.version === version))
      throw new Error(`migrations/${file}: version ${version} repeats`);
    list.push({ version, name: m[2] as string, sql: readFileSync(join(dir, file), "utf8") });
  }
  return list;
}

/** Applies, in order, every migration the ledger does not list yet, each inside its own transaction. */
export function applyMigrations(db: Database.Database, dir: string): MigrationReport {
  const migrations = readMigrations(dir);
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
  );
  const done = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const latest = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...done);
  if (newest > latest) throw new DatabaseTooNew(newest, latest);
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    }).immediate();
    applied.push(`${String(m.version).padStart(4, "0")}_${m.name}`);
  }
  return { applied, version: latest };
}
