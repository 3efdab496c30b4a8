import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { DatabaseTooNew, MigrationsDiverged, readMigrations } from "../../src/store/migrate.js";
import { applyPgMigrations, openPostgres } from "../../src/store/postgres/migrate.js";
import { freshDatabaseUrl } from "../support/postgres.js";

const { postgresMigrationsDir } = loadConfig({});

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), "srm-pg-mig-"));
  cpSync(postgresMigrationsDir, dir, { recursive: true });
  return dir;
}

describe("PostgreSQL migrations", () => {
  it("a fresh database is migrated and every file is recorded in the ledger with its checksum", async () => {
    const url = await freshDatabaseUrl();
    const { db, migrations } = await openPostgres(url, postgresMigrationsDir, { retryForMs: 0 });
    const files = readMigrations(postgresMigrationsDir);
    expect(migrations.applied).toEqual(files.map((f) => `${String(f.version).padStart(4, "0")}_${f.name}`));
    expect(await db.rows("SELECT version, name, checksum FROM schema_migrations ORDER BY version")).toEqual(
      files.map((f) => ({ version: f.version, name: f.name, checksum: f.checksum })),
    );
    expect(await db.one("SELECT COUNT(*) AS n FROM rounds")).toEqual({ n: 0 });
    await db.close();
  });

  it("a second start applies nothing", async () => {
    const url = await freshDatabaseUrl();
    await (await openPostgres(url, postgresMigrationsDir)).db.close();
    const second = await openPostgres(url, postgresMigrationsDir);
    expect(second.migrations.applied).toEqual([]);
    await second.db.close();
  });

  it("a database newer than the code is refused with what to do, and left untouched", async () => {
    const url = await freshDatabaseUrl();
    await applyPgMigrations(url, postgresMigrationsDir);
    await query(
      url,
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')",
    );
    await expect(openPostgres(url, postgresMigrationsDir)).rejects.toThrow(DatabaseTooNew);
    await expect(applyPgMigrations(url, postgresMigrationsDir)).rejects.toThrow(
      /upgrade srm-bot, or restore a backup/,
    );
    expect(await query(url, "SELECT name FROM schema_migrations WHERE version = 9999")).toEqual([
      { name: "future" },
    ]);
  });

  it("a migration edited after it was applied is refused, naming the file", async () => {
    const url = await freshDatabaseUrl();
    const dir = copyOfMigrations();
    await applyPgMigrations(url, dir);
    const file = join(dir, "0014_schema.sql");
    writeFileSync(file, `${readFileSync(file, "utf8")}\nCREATE TABLE later_edit (x INTEGER);\n`);
    const failure = await applyPgMigrations(url, dir).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MigrationsDiverged);
    expect((failure as Error).message).toContain(
      "migrations/postgres/0014_schema.sql has changed since it was applied",
    );
    expect(await query(url, "SELECT tablename FROM pg_tables WHERE tablename = 'later_edit'")).toEqual([]);
  });

  it("a failing migration rolls back whole and is not recorded", async () => {
    const url = await freshDatabaseUrl();
    const dir = copyOfMigrations();
    writeFileSync(join(dir, "9000_broken.sql"), "CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;");
    await expect(applyPgMigrations(url, dir)).rejects.toThrow(/syntax error/);
    expect(await query(url, "SELECT tablename FROM pg_tables WHERE tablename = 'half'")).toEqual([]);
    // Every file before the broken one is applied and recorded; the broken one is not.
    const before = readdirSync(dir)
      .filter((f) => f.endsWith(".sql") && !f.startsWith("9000"))
      .map((f) => ({ version: Number(f.slice(0, 4)) }));
    expect(await query(url, "SELECT version FROM schema_migrations ORDER BY version")).toEqual(before);
  });

  it("three replicas starting at once apply each migration once", async () => {
    const url = await freshDatabaseUrl();
    const opened = await Promise.all([1, 2, 3].map(() => openPostgres(url, postgresMigrationsDir)));
    const applied = opened.map((o) => o.migrations.applied.length).sort();
    expect(applied).toEqual([0, 0, readMigrations(postgresMigrationsDir).length]);
    expect(await query(url, "SELECT COUNT(*)::int AS n FROM schema_migrations")).toEqual([
      { n: readMigrations(postgresMigrationsDir).length },
    ]);
    await Promise.all(opened.map((o) => o.db.close()));
  });
});
