import pg from "pg";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import { readMigrations } from "../../src/store/migrate.js";
import { applyPgMigrations } from "../../src/store/postgres/migrate.js";
import { freshDatabaseUrl } from "../support/postgres.js";

const { migrationsDir, postgresMigrationsDir } = loadConfig({});

/** Table → its columns in order, and the names of the indexes a migration created by name. */
interface Shape {
  readonly tables: Record<string, string[]>;
  readonly indexes: string[];
}

function sqliteShape(): Shape {
  const { db } = openDatabase(":memory:", migrationsDir);
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const tables = Object.fromEntries(
    names.map((t) => [
      t,
      db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").pluck().all(t) as string[],
    ]),
  );
  const indexes = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    .pluck()
    .all() as string[];
  db.close();
  return { tables, indexes };
}

async function postgresShape(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() " +
        "ORDER BY table_name, ordinal_position",
    );
    const tables: Record<string, string[]> = {};
    for (const c of columns.rows) tables[c.table_name] = [...(tables[c.table_name] ?? []), c.column_name];
    // Indexes behind a PRIMARY KEY or UNIQUE constraint are SQLite's unnamed autoindexes: left out on both sides.
    const indexes = await client.query<{ name: string }>(
      "SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid " +
        "JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = current_schema() " +
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname",
    );
    return { tables, indexes: indexes.rows.map((r) => r.name) };
  } finally {
    await client.end();
  }
}

/**
 * Indexes only PostgreSQL has (migrations/postgres/0018): its planner needs them for reads SQLite's existing
 * indexes already serve. Any other difference is a migration forgotten in one folder.
 */
const POSTGRES_ONLY_INDEXES = ["scores_by_accuracy", "scores_by_name", "streaks_by_person"];

describe("PostgreSQL schema", () => {
  it("has the same tables, columns (in order) and named indexes as SQLite's after every migration", async () => {
    const url = await freshDatabaseUrl();
    await applyPgMigrations(url, postgresMigrationsDir);
    const postgres = await postgresShape(url);
    expect({
      ...postgres,
      indexes: postgres.indexes.filter((i) => !POSTGRES_ONLY_INDEXES.includes(i)),
    }).toEqual(sqliteShape());
    expect(postgres.indexes).toEqual(expect.arrayContaining(POSTGRES_ONLY_INDEXES));
  });

  it("every SQLite migration from 0014 on has a PostgreSQL migration of the same number", () => {
    const sqlite = readMigrations(migrationsDir).filter((m) => m.version >= 14);
    const postgres = readMigrations(postgresMigrationsDir);
    expect(postgres.map((m) => m.version)).toEqual(sqlite.map((m) => m.version));
  });
});
