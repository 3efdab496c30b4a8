import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { holdRunLock, lockPath } from "../../src/store/run-lock.js";
import { memoryApp, sink } from "../support/app.js";
import { playRound } from "../support/people.js";

async function cli(args: string[], env: Record<string, string>) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd: tmpdir() });
  return { code, out: stdout.text(), err: stderr.text() };
}

function answers(file: string): number {
  const db = new Database(file, { readonly: true });
  const n = (db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number }).n;
  db.close();
  return n;
}

describe("backup and restore", () => {
  it("a backup taken while the bot is running holds every answer recorded before it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-"));
    const db = join(dir, "srm.db");
    const app = memoryApp({ SRM_DB: db });
    await playRound(app, ["ann", "bob"], ["cat"]);
    const r = await cli(["db", "backup", join(dir, "copy.db")], { SRM_DB: db });
    expect(r.err).toBe("");
    expect(r.out).toContain("Backed up");
    await playRound(app, ["dan"], []);
    await app.close();
    expect(answers(join(dir, "copy.db"))).toBe(3);
    expect(answers(db)).toBe(4);
    const again = await cli(["db", "backup", join(dir, "copy.db")], { SRM_DB: db });
    expect(again.code).toBe(1);
    expect(again.err).toContain("already exists");
  });

  it("restore replaces the database when no bot runs, and refuses while one does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-"));
    const db = join(dir, "srm.db");
    const app = memoryApp({ SRM_DB: db });
    await playRound(app, ["ann"], []);
    await cli(["db", "backup", join(dir, "one.db")], { SRM_DB: db });
    await playRound(app, ["bob"], []);
    const lock = holdRunLock(db); // as srm start holds it
    const refused = await cli(["db", "restore", join(dir, "one.db")], { SRM_DB: db });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("A bot (or another srm process) is running");
    expect(answers(db)).toBe(2);
    await app.close();
    lock.release();
    const done = await cli(["db", "restore", join(dir, "one.db")], { SRM_DB: db });
    expect(done.err).toBe("");
    expect(answers(db)).toBe(1);
  });

  it("restore is refused while another program has the database open, and the database is left as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-"));
    const db = join(dir, "srm.db");
    const app = memoryApp({ SRM_DB: db });
    await playRound(app, ["ann"], []);
    await cli(["db", "backup", join(dir, "one.db")], { SRM_DB: db });
    await playRound(app, ["bob"], []);
    // The app holds no run lock (as a program that is not srm-bot would not): the open file still blocks.
    const refused = await cli(["db", "restore", join(dir, "one.db")], { SRM_DB: db });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`Another process has ${db} open`);
    expect(answers(db)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([
      "one.db",
      "srm.db",
      "srm.db-shm",
      "srm.db-wal",
      "srm.db.created",
      "srm.db.lock",
    ]);
    await app.close();
    const done = await cli(["db", "restore", join(dir, "one.db")], { SRM_DB: db });
    expect(done.err).toBe("");
    expect(answers(db)).toBe(1);
  });

  it("a lock file that holds something else is named, with what to do, by restore and by the terminal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-"));
    const db = join(dir, "srm.db");
    const app = memoryApp({ SRM_DB: db });
    await playRound(app, ["ann"], []);
    await cli(["db", "backup", join(dir, "one.db")], { SRM_DB: db });
    await app.close();
    writeFileSync(lockPath(db), `${process.pid}\n`); // a pid file of an older release, say
    for (const args of [["db", "restore", join(dir, "one.db")], ["terminal"]]) {
      const r = await cli(args, { SRM_DB: db });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${lockPath(db)} is not srm-bot's lock file`);
      expect(r.err).toContain(`delete ${lockPath(db)}`);
    }
    expect(answers(db)).toBe(1);
  });

  it("restore refuses a file that is not an srm-bot database, and leaves the database as it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "srm-"));
    const db = join(dir, "srm.db");
    const app = memoryApp({ SRM_DB: db });
    await playRound(app, ["ann"], []);
    await app.close();
    writeFileSync(join(dir, "notes.txt"), "not a database");
    const r = await cli(["db", "restore", join(dir, "notes.txt")], { SRM_DB: db });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not an srm-bot database/);
    expect(answers(db)).toBe(1);
    const missing = await cli(["db", "restore", join(dir, "nope.db")], { SRM_DB: db });
    expect(missing.err).toContain("There is no backup file");
    expect(existsSync(db)).toBe(true);
  });
});
