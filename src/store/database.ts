import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { applyMigrations, type MigrationReport } from "./migrate.js";

/** An open SQLite database handle. */
export type Db = Database.Database;

/** Opens (creating if needed) the SQLite file, turns on WAL and foreign keys, and migrates it. */
export function openDatabase(path: string, migrationsDir: string): { db: Db; migrations: MigrationReport } {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    db.pragma("synchronous = NORMAL");
    const migrations = applyMigrations(db, migrationsDir);
    return { db, migrations };
  } catch (error) {
    db.close();
    throw error;
  }
}
