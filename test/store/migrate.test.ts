import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import { applyMigrations, DatabaseTooNew, readMigrations } from "../../src/store/migrate.js";

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
