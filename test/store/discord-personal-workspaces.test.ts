import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { applyMigrations } from "../../src/store/migrate.js";
import { applyPgMigrations } from "../../src/store/postgres/migrate.js";
import { freshDatabaseUrl } from "../support/postgres.js";

const { migrationsDir, postgresMigrationsDir } = loadConfig({});
const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** A copy of a migrations folder holding only the files before `version`: the release before it. */
function filesBefore(dir: string, version: string): string {
  const old = mkdtempSync(join(tmpdir(), "srm-old-mig-"));
  folders.push(old);
  cpSync(dir, old, { recursive: true });
  for (const f of readdirSync(old)) if (f.endsWith(".sql") && f >= version) rmSync(join(old, f));
  return old;
}

const AT = "2026-11-02T10:00:00.000Z";
/** What two people studied in Discord DMs when every DM shared the workspace "dm", and one server's card. */
const SEED = [
  `INSERT INTO practice_cards (platform, workspace, user_id, item_kind, item_id, state, due, stability, difficulty,
     elapsed_days, scheduled_days, learning_steps, reps, lapses, created_at)
   VALUES ('discord', 'dm', 'U1', 'cell', 'ec2/os-patching', 0, '${AT}', 0, 0, 0, 0, 0, 0, 0, '${AT}'),
          ('discord', 'dm', 'U2', 'cell', 'ec2/os-patching', 0, '${AT}', 0, 0, 0, 0, 0, 0, 0, '${AT}'),
          ('discord', 'G1', 'U1', 'cell', 's3/bucket-policies', 0, '${AT}', 0, 0, 0, 0, 0, 0, 0, '${AT}')`,
  `INSERT INTO practice_prefs (platform, workspace, user_id, new_per_day, path) VALUES ('discord', 'dm', 'U1', 3, NULL)`,
  `INSERT INTO rounds (platform, workspace, channel, kind, player, question_id, question_json, status, opened_at)
   VALUES ('discord', 'dm', 'D1', 'private', 'U1', 'q1', '{}', 'revealed', '${AT}'),
          ('discord', 'dm', 'D9', 'channel', NULL, 'q2', '{}', 'revealed', '${AT}')`,
];

type Row = { table: string; workspace: string; who: string | null };
const READ = `SELECT 'cards' AS "table", workspace, user_id AS who FROM practice_cards
  UNION ALL SELECT 'prefs', workspace, user_id FROM practice_prefs
  UNION ALL SELECT 'rounds', workspace, player FROM rounds ORDER BY 1, 2, 3`;

const EXPECTED: Row[] = [
  { table: "cards", workspace: "G1", who: "U1" },
  { table: "cards", workspace: "user-U1", who: "U1" },
  { table: "cards", workspace: "user-U2", who: "U2" },
  { table: "prefs", workspace: "user-U1", who: "U1" },
  // A channel round someone once opened in a DM stays with its scores; the private one moves with its person.
  { table: "rounds", workspace: "dm", who: null },
  { table: "rounds", workspace: "user-U1", who: "U1" },
];

describe("Discord DM study from before personal workspaces", () => {
  it("moves to each person's own workspace on upgrade (SQLite), and a server's data stays", () => {
    const path = join(mkdtempSync(join(tmpdir(), "srm-dm-")), "srm.db");
    folders.push(join(path, ".."));
    const db = new Database(path);
    applyMigrations(db, filesBefore(migrationsDir, "0017"));
    for (const sql of SEED) db.exec(sql);
    applyMigrations(db, migrationsDir);
    expect(db.prepare(READ).all()).toEqual(EXPECTED);
    db.close();
  });

  it("moves the same way on PostgreSQL", async () => {
    const url = await freshDatabaseUrl();
    await applyPgMigrations(url, filesBefore(postgresMigrationsDir, "0017"));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const sql of SEED) await client.query(sql);
      await applyPgMigrations(url, postgresMigrationsDir);
      expect((await client.query(READ)).rows).toEqual(EXPECTED);
    } finally {
      await client.end();
    }
  });
});
