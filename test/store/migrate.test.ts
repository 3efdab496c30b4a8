import { createHash } from "node:crypto";
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import {
  applyMigrations,
  DatabaseTooNew,
  MigrationsDiverged,
  readMigrations,
} from "../../src/store/migrate.js";

const { migrationsDir } = loadConfig({});

describe("migrations", () => {
  it("apply in order on :memory: and are recorded in the ledger", () => {
    const { db, migrations } = openDatabase(":memory:", migrationsDir);
    const files = readMigrations(migrationsDir);
    expect(migrations.applied).toHaveLength(files.length);
    const ledger = db.prepare("SELECT version, name FROM schema_migrations ORDER BY version").all();
    expect(ledger).toEqual(files.map((f) => ({ version: f.version, name: f.name })));
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    db.close();
  });

  it("a file database is created, uses WAL, and a second open applies nothing", () => {
    const path = join(mkdtempSync(join(tmpdir(), "srm-")), "nested", "srm.db");
    const first = openDatabase(path, migrationsDir);
    expect(first.db.pragma("journal_mode", { simple: true })).toBe("wal");
    first.db.close();
    const second = openDatabase(path, migrationsDir);
    expect(second.migrations.applied).toEqual([]);
    second.db.close();
  });

  it("a database newer than the code is refused with a clear message and left untouched", () => {
    const path = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    openDatabase(path, migrationsDir).db.close();
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')")
      .run();
    raw.close();
    expect(() => openDatabase(path, migrationsDir)).toThrow(DatabaseTooNew);
    expect(() => openDatabase(path, migrationsDir)).toThrow(/upgrade srm-bot, or restore a backup/);
    const check = new Database(path);
    expect(check.prepare("SELECT COUNT(*) AS n FROM schema_migrations WHERE version = 9999").get()).toEqual({
      n: 1,
    });
    check.close();
  });

  it("a failing migration rolls back whole and is not recorded", () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-mig-"));
    cpSync(migrationsDir, dir, { recursive: true });
    writeFileSync(join(dir, "9000_broken.sql"), "CREATE TABLE half (x INTEGER);\nTHIS IS NOT SQL;");
    const db = new Database(":memory:");
    expect(() => applyMigrations(db, dir)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all()).toEqual([]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM schema_migrations WHERE version = 9000").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it("a badly named migration file is refused with the rule", () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-mig-"));
    writeFileSync(join(dir, "1_x.sql"), "SELECT 1;");
    expect(() => readMigrations(dir)).toThrow(/NNNN_name\.sql/);
  });
});

/** A copy of migrations/ a test may change, and a database file migrated with it. */
function migratedCopy(): { dir: string; path: string } {
  const root = mkdtempSync(join(tmpdir(), "srm-sum-"));
  const dir = join(root, "migrations");
  cpSync(migrationsDir, dir, { recursive: true });
  const path = join(root, "srm.db");
  openDatabase(path, dir).db.close();
  return { dir, path };
}

/** The ledger as stored: version, name and checksum of each applied migration. */
function ledger(path: string): { version: number; name: string; checksum: string | null }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version").all() as {
      version: number;
      name: string;
      checksum: string | null;
    }[];
  } finally {
    db.close();
  }
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("the ledger keeps each applied migration's checksum, and a database that no longer matches is refused", () => {
  it("each applied migration's SHA-256 of its file is recorded", () => {
    const { dir, path } = migratedCopy();
    const files = readdirSync(dir).filter((f) => f.endsWith(".sql"));
    expect(
      ledger(path).map((r) => [`${String(r.version).padStart(4, "0")}_${r.name}.sql`, r.checksum]),
    ).toEqual(files.map((f) => [f, sha256(join(dir, f))]));
  });

  it("a migration edited after it was applied is refused, naming the file and what to do, and nothing changes", () => {
    const { dir, path } = migratedCopy();
    const before = ledger(path);
    appendFileSync(join(dir, "0003_practice.sql"), "\nCREATE INDEX later_idea ON practice_cards (due_at);\n");
    expect(() => openDatabase(path, dir)).toThrow(MigrationsDiverged);
    expect(() => openDatabase(path, dir)).toThrow(
      /migrations\/0003_practice\.sql has changed since it was applied.*Restore the file.*or run the srm-bot release that applied it/,
    );
    expect(ledger(path)).toEqual(before);
  });

  it("a migration removed after it was applied is refused, naming it", () => {
    const { dir, path } = migratedCopy();
    rmSync(join(dir, "0010_delivery_keys.sql"));
    expect(() => openDatabase(path, dir)).toThrow(
      /migration 0010_delivery_keys applied, but migrations\/0010_delivery_keys\.sql is missing/,
    );
  });

  it("a migration renamed after it was applied is refused, naming both names", () => {
    const { dir, path } = migratedCopy();
    renameSync(join(dir, "0010_delivery_keys.sql"), join(dir, "0010_keys.sql"));
    expect(() => openDatabase(path, dir)).toThrow(
      /migration 0010_delivery_keys applied, but the file of version 10 is now migrations\/0010_keys\.sql \(renamed\)/,
    );
  });

  it("a new file numbered below migrations already applied (a gap) is refused, and is not applied", () => {
    const { dir, path } = migratedCopy();
    const newest = readMigrations(dir).at(-1);
    writeFileSync(join(dir, "0008_late_table.sql"), "CREATE TABLE late_table (x INTEGER) STRICT;\n");
    expect(() => openDatabase(path, dir)).toThrow(
      new RegExp(
        `0008_late_table\\.sql was never applied to this database, but the later 0010_delivery_keys was.*above ${String(newest?.version).padStart(4, "0")}`,
      ),
    );
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'late_table'").all()).toEqual([]);
    db.close();
  });

  it("a database migrated before checksums were kept gets them at its next open, and an edit after that is refused", () => {
    const { dir, path } = migratedCopy();
    const raw = new Database(path);
    raw.exec("ALTER TABLE schema_migrations DROP COLUMN checksum");
    raw.close();
    const { db, migrations } = openDatabase(path, dir);
    db.close();
    expect(migrations.checksummed).toEqual(
      readMigrations(dir).map((m) => `${String(m.version).padStart(4, "0")}_${m.name}`),
    );
    expect(ledger(path).every((r) => r.checksum !== null)).toBe(true);
    expect(openDatabase(path, dir).migrations.checksummed).toEqual([]);
    appendFileSync(join(dir, "0001_lookups.sql"), "\n-- a later note\n");
    expect(() => openDatabase(path, dir)).toThrow(/0001_lookups\.sql has changed/);
  });

  it("a checkout with Windows line ends reads as the same migrations", () => {
    const { dir, path } = migratedCopy();
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".sql")))
      writeFileSync(join(dir, f), readFileSync(join(dir, f), "utf8").replace(/\r?\n/g, "\r\n"));
    const { db, migrations } = openDatabase(path, dir);
    db.close();
    expect(migrations.applied).toEqual([]);
  });
});
