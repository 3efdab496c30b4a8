import pg from "pg";
import {
  type Applied,
  DatabaseTooNew,
  type MigrationReport,
  migrationLabel,
  readMigrations,
  refuseDivergence,
} from "../migrate.js";
import { type PgConnectOptions, PgDb } from "./db.js";

/** Where PostgreSQL's migrations live, beside SQLite's: one number per schema change in both folders. */
export const POSTGRES_MIGRATIONS_FOLDER = "migrations/postgres";

/**
 * The lock held while migrating (a session advisory lock, apart from the transactions' one), so replicas
 * starting together apply each migration once: the second waits, then finds nothing left to do.
 */
const MIGRATION_LOCK = 0x53524d01;

/**
 * Applies, in order, every migration the ledger (schema_migrations, as on SQLite) does not list yet, each
 * in its own transaction, under an advisory lock. First refuses a database newer than the files, or one
 * whose applied migrations are not the first files as they were applied.
 */
export async function applyPgMigrations(url: string, dir: string): Promise<MigrationReport> {
  const migrations = readMigrations(dir, POSTGRES_MIGRATIONS_FOLDER);
  const latest = migrations.at(-1)?.version ?? 0;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, checksum TEXT)",
    );
    const ledger = (
      await client.query<Applied>("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
    ).rows;
    const newest = Math.max(0, ...ledger.map((r) => r.version));
    if (newest > latest) throw new DatabaseTooNew(newest, latest);
    refuseDivergence(ledger, migrations, POSTGRES_MIGRATIONS_FOLDER);
    const checksummed: string[] = [];
    for (const [i, row] of ledger.entries()) {
      const file = migrations[i];
      if (row.checksum !== null || !file) continue;
      await client.query("UPDATE schema_migrations SET checksum = $1 WHERE version = $2", [
        file.checksum,
        row.version,
      ]);
      checksummed.push(migrationLabel(file));
    }
    const applied: string[] = [];
    for (const m of migrations.slice(ledger.length)) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES ($1, $2, $3, $4)",
          [m.version, m.name, new Date().toISOString(), m.checksum],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      applied.push(migrationLabel(m));
    }
    return { applied, version: latest, checksummed };
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
}

/**
 * Connects to PostgreSQL (retrying for a bounded time while the server comes up) and migrates it: what
 * `openDatabase` is for a SQLite file. `migrationsDir` is the folder of PostgreSQL's migrations.
 */
export async function openPostgres(
  url: string,
  migrationsDir: string,
  options: PgConnectOptions = {},
): Promise<{ db: PgDb; migrations: MigrationReport }> {
  const db = await PgDb.connect(url, options);
  try {
    return { db, migrations: await applyPgMigrations(url, migrationsDir) };
  } catch (error) {
    await db.close();
    throw error;
  }
}
