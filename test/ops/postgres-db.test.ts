import { EventEmitter } from "node:events";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import { PgDb } from "../../src/store/postgres/db.js";
import { BackupRefused, dumpPostgres } from "../../src/store/postgres/dump.js";
import { recomputePgScores } from "../../src/store/postgres/recompute.js";
import { recomputeScores } from "../../src/store/recompute.js";
import { holdRunLock } from "../../src/store/run-lock.js";
import { memoryApp, sink } from "../support/app.js";
import { channel, member, playRound, say } from "../support/people.js";
import { freshDatabaseUrl } from "../support/postgres.js";

const { migrationsDir, postgresMigrationsDir } = loadConfig({});
/** What `srm db migrate` applies to an empty PostgreSQL database, and the version it reaches. */
const PG_FILES = readdirSync(postgresMigrationsDir)
  .filter((f) => f.endsWith(".sql"))
  .sort()
  .map((f) => f.slice(0, -4));
const APPLIED = PG_FILES.join(", ");
const LATEST = Number(PG_FILES.at(-1)?.slice(0, 4));

async function cli(args: string[], env: Record<string, string>) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: tmpdir() });
  return { code, out: stdout.text(), err: stderr.text() };
}

/** A team's SQLite file, filled through the bot's own engine: rounds, answers, scores, streaks, lookups, practice. */
async function teamFile(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
  const app = memoryApp({ SRM_DB: file });
  await playRound(app, ["ann", "bob"], ["cat"]);
  await playRound(app, ["ann"], ["bob", "dan"]);
  await playRound(app, ["eve"], ["ann"], channel("C2"));
  await say(app, member("ann"), "ask ec2 os-patching");
  await say(app, member("bob"), "practice");
  await app.close();
  return file;
}

/** Every row of every table, in a fixed order, for comparing two databases value by value. */
function sqliteRows(file: string, table: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).all();
  } finally {
    db.close();
  }
}

describe("srm db copy --to <postgres-url>", () => {
  it("copies a team's SQLite file exactly: every table's rows, equal counts printed, and the copy verifies", async () => {
    const file = await teamFile();
    const url = await freshDatabaseUrl();
    const r = await cli(["db", "copy", "--to", url], { SRM_DB: file });
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/answers\s+8 in SQLite\s+8 in PostgreSQL/);
    expect(r.out).toMatch(/rounds\s+4 in SQLite\s+4 in PostgreSQL/);
    expect(r.out).not.toContain("DIFFERENT");
    expect(r.out).toContain("ok: PostgreSQL at 127.0.0.1:");
    const db = await PgDb.connect(url);
    try {
      for (const table of [
        "rounds",
        "answers",
        "scores",
        "streaks",
        "lookups",
        "practice_cards",
        "practice_sessions",
        "channel_settings",
      ]) {
        const copied = await db.rows(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`);
        expect({ table, rows: copied }).toEqual({ table, rows: sqliteRows(file, table) });
      }
      expect((await db.rows("SELECT * FROM answers")).length).toBe(8);
      // Both engines replay the same scores from the same answers.
      const source = new Database(file, { readonly: true });
      const fromSqlite = recomputeScores(source);
      source.close();
      expect(fromSqlite.size).toBeGreaterThan(0);
      expect(await recomputePgScores(db)).toEqual(fromSqlite);
      // A round opened on PostgreSQL after the copy takes an id no copied row holds.
      const next = await db.one<{ id: number }>(
        "INSERT INTO rounds (platform, workspace, channel, kind, question_id, question_json, status, opened_at) " +
          "VALUES ('slack', 'W1', 'C9', 'channel', 'q', '{}', 'open', '2026-01-01T00:00:00.000Z') RETURNING id",
      );
      expect(next?.id).toBe(
        Math.max(...(sqliteRows(file, "rounds") as { id: number }[]).map((x) => x.id)) + 1,
      );
    } finally {
      await db.close();
    }
    const verified = await cli(["db", "verify"], { SRM_DB: file, SRM_DATABASE_URL: url });
    expect(verified.code).toBe(0);
    expect(verified.out).toContain("every score equals a recomputation from the answers");
  });

  it("refuses a target that already holds data, and leaves it as it was", async () => {
    const file = await teamFile();
    const url = await freshDatabaseUrl();
    expect((await cli(["db", "copy", "--to", url], { SRM_DB: file })).code).toBe(0);
    const again = await cli(["db", "copy", `--to=${url}`], { SRM_DB: file });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(
      /srm db copy: The PostgreSQL database is not empty \(.*answers.*\).*Copy into a new, empty database/,
    );
    const db = await PgDb.connect(url);
    expect(await db.one("SELECT COUNT(*) AS n FROM answers")).toEqual({ n: 8 });
    await db.close();
  });

  it("refuses a SQLite file at an older schema version, saying to migrate it first, and copies nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-old-"));
    cpSync(migrationsDir, dir, { recursive: true });
    for (const f of readdirSync(dir)) if (f.endsWith(".sql") && f >= "0014") rmSync(join(dir, f));
    const file = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    openDatabase(file, dir).db.close();
    const url = await freshDatabaseUrl();
    const r = await cli(["db", "copy", "--to", url], { SRM_DB: file });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`is at schema version 13, and this srm-bot copies version ${LATEST}`);
    expect(r.err).toContain('"srm db migrate" (with SRM_DATABASE_URL unset');
  });

  it("copies a text holding a NUL character (which PostgreSQL cannot hold) with U+FFFD in its place, as the bot stores it", async () => {
    const file = await teamFile();
    const raw = new Database(file);
    raw.prepare("UPDATE answers SET display_name = 'dan' || char(0) || 'x' WHERE user_id = 'dan'").run();
    raw.close();
    const url = await freshDatabaseUrl();
    const r = await cli(["db", "copy", "--to", url], { SRM_DB: file });
    expect(r.code).toBe(0);
    const db = await PgDb.connect(url);
    const names = await db.rows<{ display_name: string }>(
      "SELECT DISTINCT display_name FROM answers WHERE user_id = 'dan'",
    );
    expect(names).toEqual([{ display_name: "dan\uFFFDx" }]);
    await db.close();
  });

  it("refuses while a bot runs on the SQLite file", async () => {
    const file = await teamFile();
    const lock = holdRunLock(file);
    try {
      const r = await cli(["db", "copy", "--to", await freshDatabaseUrl()], { SRM_DB: file });
      expect(r.code).toBe(1);
      expect(r.err).toContain("Stop every bot on it first");
    } finally {
      lock.release();
    }
  });

  it("refuses a target that is not a PostgreSQL URL, without echoing its password, and says how to call it", async () => {
    const file = await teamFile();
    const wrong = await cli(["db", "copy", "--to", "mysql://srm:hunter2@db.internal/srm"], { SRM_DB: file });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('--to: "mysql://[redacted]@db.internal/srm" is not a PostgreSQL URL');
    expect(wrong.err).not.toContain("hunter2");
    const missing = await cli(["db", "copy"], { SRM_DB: file });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("srm db copy: expected --to <postgres-url>");
    expect((await cli(["db", "--help"], {})).out).toContain("copy --to <postgres-url>");
    expect((await cli(["help"], {})).out).toContain("srm db copy --to <postgres-url>");
  });
});

describe("srm db on PostgreSQL (SRM_DATABASE_URL set)", () => {
  it("srm terminal runs on the PostgreSQL database, names it, and never looks at the SQLite path", async () => {
    const url = await freshDatabaseUrl();
    const dir = mkdtempSync(join(tmpdir(), "srm-"));
    writeFileSync(join(dir, "a-file"), "");
    const stdin = new PassThrough();
    stdin.end("/srm ec2 os-patching\n/quit\n");
    const stdout = sink();
    const stderr = sink();
    // SRM_DB under a file: SQLite could never open it, so a check of it would refuse to start.
    const env = { SRM_DATABASE_URL: url, SRM_DB: join(dir, "a-file", "srm.db") };
    const code = await runCli(["terminal"], {
      stdin,
      stdout,
      stderr,
      env,
      cwd: dir,
      signals: new EventEmitter(),
    });
    expect(stderr.text()).toBe("");
    expect(code).toBe(0);
    expect(stdout.text()).toMatch(/^Database: PostgreSQL at 127\.0\.0\.1:\d+\/srm_test_\w+$/m);
    expect(stdout.text()).toContain("Guest OS patching");
    const db = await PgDb.connect(url);
    expect(await db.one("SELECT COUNT(*) AS n FROM lookups")).toEqual({ n: 1 });
    await db.close();
  });

  it("migrate applies the schema once and then reports it up to date", async () => {
    const url = await freshDatabaseUrl();
    const first = await cli(["db", "migrate"], { SRM_DATABASE_URL: url });
    expect(first.out).toMatch(
      new RegExp(
        `^Applied ${APPLIED}; PostgreSQL at 127\\.0\\.0\\.1:\\d+/srm_test_\\w+ is at schema version ${LATEST}\\.$`,
        "m",
      ),
    );
    const second = await cli(["db", "migrate"], { SRM_DATABASE_URL: url });
    expect(second.out).toContain(`is up to date (schema version ${LATEST})`);
  });

  it("an unreachable server is named by host and port, after the bounded wait, without the password", async () => {
    const url = new URL(await freshDatabaseUrl());
    url.port = "1"; // nothing listens on port 1 of 127.0.0.1
    url.password = "hunter2";
    const r = await cli(["db", "migrate"], {
      SRM_DATABASE_URL: url.toString(),
      SRM_DATABASE_CONNECT_SECONDS: "0",
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^srm db migrate: PostgreSQL at 127\.0\.0\.1:1 was not reachable: ECONNREFUSED/);
    expect(r.err).not.toContain("hunter2");
  });

  it("verify reports a score that differs from the answers, and a hand-made schema change", async () => {
    const file = await teamFile();
    const url = await freshDatabaseUrl();
    await cli(["db", "copy", "--to", url], { SRM_DB: file });
    const db = await PgDb.connect(url);
    await db.run("UPDATE scores SET points = points + 5 WHERE user_id = 'ann' AND period = 'all'");
    await db.run("DROP INDEX rounds_due_to_close");
    await db.close();
    const r = await cli(["db", "verify"], { SRM_DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.err).toContain("differs: slack|W1|all|ann");
    expect(r.err).toContain("schema: index rounds_due_to_close is missing");
    expect(r.err).toContain("not ok: PostgreSQL at 127.0.0.1:");
  });

  it("verify on an empty database says to migrate it, and creates nothing", async () => {
    const url = await freshDatabaseUrl();
    const r = await cli(["db", "verify"], { SRM_DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.err).toContain('no srm-bot schema: run "srm db migrate"');
    const db = await PgDb.connect(url);
    expect(
      await db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"),
    ).toEqual([]);
    await db.close();
  });

  it("backup writes a pg_dump archive pg_restore reads, and refuses a file that exists", async () => {
    const url = await freshDatabaseUrl();
    await cli(["db", "migrate"], { SRM_DATABASE_URL: url });
    const target = join(mkdtempSync(join(tmpdir(), "srm-dump-")), "srm.dump");
    const r = await cli(["db", "backup", target], { SRM_DATABASE_URL: url, PATH: "/usr/bin:/bin" });
    expect(r.err).toBe("");
    expect(r.out).toContain(`Backed up PostgreSQL at 127.0.0.1:`);
    expect(readFileSync(target).subarray(0, 5).toString()).toBe("PGDMP");
    const again = await cli(["db", "backup", target], { SRM_DATABASE_URL: url, PATH: "/usr/bin:/bin" });
    expect(again.code).toBe(1);
    expect(again.err).toContain("already exists; choose a new file name");
  });

  it("backup without pg_dump, or with one older than the server, says what to install", async () => {
    const url = await freshDatabaseUrl();
    const db = await PgDb.connect(url);
    const empty = mkdtempSync(join(tmpdir(), "srm-nobin-"));
    const target = join(empty, "srm.dump");
    try {
      const none = await dumpPostgres(db, url, target, {}, { path: empty, roots: [] }).catch(
        (e: unknown) => e,
      );
      expect(none).toBeInstanceOf(BackupRefused);
      expect((none as Error).message).toMatch(
        /pg_dump is not installed .*apt-get install -y postgresql-client-15/,
      );
      // An old client left on the machine: a pg_dump that reports version 9.
      const old = mkdtempSync(join(tmpdir(), "srm-oldbin-"));
      writeFileSync(join(old, "pg_dump"), "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
      chmodSync(join(old, "pg_dump"), 0o755);
      const older = await dumpPostgres(db, url, target, {}, { path: old, roots: [] }).catch(
        (e: unknown) => e,
      );
      expect((older as Error).message).toMatch(
        /version 9, older than the server \(PostgreSQL 15\).*postgresql-client-15/,
      );
      expect(existsSync(target)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it("restore prints the pg_restore command to run, without the password, and changes nothing", async () => {
    const url = new URL(await freshDatabaseUrl());
    url.password = "hunter2";
    const r = await cli(["db", "restore", "srm.dump"], { SRM_DATABASE_URL: url.toString() });
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "pg_restore --clean --if-exists --no-owner --single-transaction --dbname 'postgres://postgres@127.0.0.1:",
    );
    expect(r.err).toContain(`${tmpdir()}/srm.dump'`);
    expect(r.err).not.toContain("hunter2");
  });
});
