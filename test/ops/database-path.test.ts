import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { databaseInUse } from "../../src/store/run-lock.js";
import { sink } from "../support/app.js";
import { srm } from "../support/srm-process.js";

const locked: string[] = [];

/** Makes a file or folder read-only even for root (who writes through chmod): immutable via chattr. */
function readOnly(path: string): void {
  if (process.getuid?.() === 0) execFileSync("chattr", ["+i", path]);
  else chmodSync(path, statSync(path).isDirectory() ? 0o555 : 0o444);
  locked.push(path);
}

afterEach(() => {
  for (const path of locked.splice(0)) {
    if (process.getuid?.() === 0) execFileSync("chattr", ["-i", path]);
    else chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  }
});

function folder(): string {
  return mkdtempSync(join(tmpdir(), "srm-dbpath-"));
}

async function cli(args: string[], env: Record<string, string>) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: tmpdir() });
  return { code, out: stdout.text(), err: stderr.text() };
}

/** No stack trace: an operator reads one line that says what to do. */
function noStack(text: string): void {
  expect(text).not.toMatch(/^\s+at /m);
}

describe("a database path srm-bot cannot use", () => {
  it("a folder given as SRM_DB: migrate, verify and the terminal each say so and how to fix it", async () => {
    const dir = folder();
    for (const args of [["db", "migrate"], ["db", "verify"], ["terminal"]]) {
      const r = await cli(args, { SRM_DB: dir });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`SRM_DB is ${dir}, which is a folder, not a database file.`);
      expect(r.err).toContain(`SRM_DB=${dir}/srm.db`);
      noStack(r.err);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a read-only folder: srm db migrate names SRM_DB and the folder, and asks for a writable one", async () => {
    const dir = folder();
    readOnly(dir);
    const db = join(dir, "srm.db");
    const r = await cli(["db", "migrate"], { SRM_DB: db });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`SRM_DB is ${db}, and its folder ${dir} is read-only`);
    expect(r.err).toContain("Make the folder writable");
    noStack(r.err);
  });

  it("a path under a file: SRM_DB names the file in the way", async () => {
    const dir = folder();
    writeFileSync(join(dir, "notes.txt"), "x");
    const db = join(dir, "notes.txt", "data", "srm.db");
    const r = await cli(["db", "migrate"], { SRM_DB: db });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(dir, "notes.txt")} is a file, not a folder`);
    noStack(r.err);
  });

  it("a read-only database file with unsaved pages: srm terminal refuses to start, and holds no lock on the database afterwards", async () => {
    const dir = folder();
    const db = join(dir, "srm.db");
    expect((await cli(["db", "migrate"], { SRM_DB: db })).code).toBe(0);
    // Pages left in the write-ahead log, as a bot that was killed leaves them: closing must write them back.
    const again = new Database(db);
    again.pragma("wal_autocheckpoint = 0");
    again.exec("CREATE TABLE pending (x)");
    for (let i = 0; i < 50; i++) again.prepare("INSERT INTO pending VALUES (?)").run(i);
    readOnly(db);
    const r = await srm(["terminal"], { cwd: dir, env: { SRM_DB: db }, input: "/srm rds\n/quit\n" });
    again.close();
    expect(r.code).toBe(1);
    expect(r.err).toContain(`SRM_DB is ${db}, which is read-only`);
    expect(r.err).toContain("Make it writable");
    noStack(r.err);
    // Refused before it ran: nothing of it holds the database afterwards.
    expect(databaseInUse(db)).toBe(false);
  });

  it("srm db verify on a path that does not exist says so and creates nothing", async () => {
    const dir = folder();
    const db = join(dir, "not-yet", "srm.db");
    const r = await cli(["db", "verify"], { SRM_DB: db });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`There is no database at ${db} (SRM_DB); nothing was created.`);
    expect(r.err).toContain("srm db migrate");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a backup into a folder that does not exist names the folder and the fix", async () => {
    const dir = folder();
    const db = join(dir, "srm.db");
    expect((await cli(["db", "migrate"], { SRM_DB: db })).code).toBe(0);
    const target = join(dir, "backups", "today.db");
    const r = await cli(["db", "backup", target], { SRM_DB: db });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`The folder ${join(dir, "backups")} for the backup ${target} does not exist.`);
    expect(r.err).toContain(`mkdir -p ${join(dir, "backups")}`);
    noStack(r.err);
    mkdirSync(join(dir, "backups"));
    expect((await cli(["db", "backup", target], { SRM_DB: db })).code).toBe(0);
  });
});
