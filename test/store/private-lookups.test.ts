import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import { applyMigrations } from "../../src/store/migrate.js";

const { migrationsDir } = loadConfig({});
const TYPED = "AKIAIOSFODNN7EXAMPLE this bot is garbage";

/** A database as the release before private lookups left it: raw lookup text stored. */
function databaseWithRawLookups(): string {
  const old = mkdtempSync(join(tmpdir(), "srm-old-mig-"));
  cpSync(migrationsDir, old, { recursive: true });
  for (const f of readdirSync(old)) if (f.endsWith(".sql") && f >= "0007") rmSync(join(old, f));
  const path = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  applyMigrations(db, old);
  const insert = db.prepare(
    "INSERT INTO lookups (platform, workspace, channel, user_id, query, status, service_id, area_id, owner, asked_at) " +
      "VALUES ('slack', 'T1', 'C1', 'UALICE', ?, ?, ?, ?, NULL, '2026-03-02T10:00:00.000Z')",
  );
  insert.run(TYPED, "unknown", null, null);
  insert.run("ec2 security groups", "answer", "ec2", "security-groups");
  db.close();
  return path;
}

describe("lookups stored before this release", () => {
  it("lose the text people typed and who typed it on upgrade, and keep their recognised cells", () => {
    const path = databaseWithRawLookups();
    expect(readFileSync(path).includes("AKIAIOSFODNN7EXAMPLE")).toBe(true);
    const { db } = openDatabase(path, migrationsDir);
    const rows = db.prepare("SELECT * FROM lookups ORDER BY id").all();
    expect(rows).toMatchObject([
      { status: "unknown", service_id: null },
      { status: "answer", service_id: "ec2", area_id: "security-groups" },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/AKIA|garbage|UALICE|security groups/);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    expect(readFileSync(path).includes("AKIAIOSFODNN7EXAMPLE")).toBe(false);
  });
});
