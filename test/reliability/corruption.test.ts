import { execFileSync } from "node:child_process";
import { EventEmitter } from "node:events";
import { chmodSync, closeSync, openSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { runCli } from "../../src/cli.js";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { renderPlain } from "../../src/views/plain.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { memoryApp, sink } from "../support/app.js";
import { channel, member, openRoundId, say } from "../support/people.js";
import { freePort, removeTempDb, tempDb } from "./support/bot-process.js";
import { report, Tally } from "./support/figures.js";

const tally = new Tally();
afterAll(() => report("damaged and read-only database files", tally.figures()));

/** Overwrites the first page of a table's b-tree on disk with bytes SQLite cannot read as a page. */
function corruptTable(dbPath: string, table: string): void {
  const db = new Database(dbPath, { readonly: true });
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = ?").get(table) as {
    rootpage: number;
  };
  const size = db.pragma("page_size", { simple: true }) as number;
  db.close();
  const fd = openSync(dbPath, "r+");
  writeSync(fd, Buffer.alloc(size, 0xab), 0, size, (rootpage - 1) * size);
  closeSync(fd);
}

/** A database file with one answered round, closed as a clean stop leaves it. */
async function answeredDatabase(): Promise<string> {
  const dbPath = tempDb();
  const app = memoryApp({ SRM_DB: dbPath });
  await say(app, member("boss", { admin: true }), "daily now");
  await app.engine.press(`answer:${openRoundId(app)}:A`, member("ann"), channel());
  await app.close();
  return dbPath;
}

async function start(dbPath: string) {
  const api = await FakeSlackWebApi.start();
  const stderr = sink();
  const code = await runCli(["start"], {
    stdin: new PassThrough(),
    stdout: sink(),
    stderr,
    signals: new EventEmitter(),
    cwd: tmpdir(),
    env: {
      SRM_DB: dbPath,
      PORT: String(await freePort()),
      SLACK_BOT_TOKEN: "xoxb-t",
      SLACK_SIGNING_SECRET: "0123456789abcdef",
      SLACK_API_URL: api.apiUrl,
    },
  });
  await api.close();
  return { code, err: stderr.text(), slackCalls: api.calls.length };
}

describe("a damaged database file", () => {
  it("srm start refuses to start, saying the file is damaged and how to restore it", async () => {
    const dbPath = await answeredDatabase();
    corruptTable(dbPath, "answers");
    const r = await start(dbPath);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${dbPath} is damaged`);
    expect(r.err).toContain("srm db restore <file>");
    expect(r.slackCalls).toBe(0);
    removeTempDb(dbPath);
    tally.add("starts refused on a damaged file");
  });

  it("srm db verify reports the damage and exits non-zero", async () => {
    const dbPath = await answeredDatabase();
    corruptTable(dbPath, "answers");
    const stdout = sink();
    const stderr = sink();
    const code = await runCli(["db", "verify"], {
      stdin: new PassThrough(),
      stdout,
      stderr,
      env: { SRM_DB: dbPath },
      cwd: tmpdir(),
    });
    expect(code).toBe(1);
    expect(stdout.text()).not.toContain("ok:");
    expect(stderr.text()).toMatch(/^damaged: /m);
    expect(stderr.text()).toContain(`not ok: ${dbPath} is damaged`);
    removeTempDb(dbPath);
    tally.add("verifies that found the damage");
  });

  it("a page damaged while the bot runs: each answer gets a plain refusal, never 'Something went wrong', and the bot reports the damage once", async () => {
    const dbPath = tempDb();
    const app = memoryApp({ SRM_DB: dbPath });
    await say(app, member("boss", { admin: true }), "daily now");
    const round = openRoundId(app);
    await app.engine.press(`answer:${round}:A`, member("ann"), channel());
    app.db.pragma("wal_checkpoint(TRUNCATE)");
    corruptTable(dbPath, "answers");
    // Another connection's write makes the bot's connection drop its cached pages and read the disk.
    const other = new Database(dbPath);
    other.pragma("user_version = 7");
    other.close();
    for (const who of ["bob", "cat"]) {
      const reply = await app.engine.press(`answer:${round}:B`, member(who), channel());
      expect(reply.cards[0]?.title).toBe("The database could not save this");
      expect(renderPlain(reply, TEXT_SYNTAX)).toContain(
        "The bot's database file is damaged; answers are not being recorded. An operator must restore it from a backup.",
      );
    }
    expect(app.storage.problem()?.kind).toBe("damaged");
    expect(app.logger.lines.filter((l) => /DAMAGED/.test(l.message))).toHaveLength(1);
    await app.close();
    removeTempDb(dbPath);
    tally.add("answers refused plainly on a damaged page", 2);
  });
});

/** Makes a folder read-only for this process: bind-mounted read-only over itself as root, chmod 0555 otherwise. */
function readOnlyFolder(path: string): () => void {
  if (process.getuid?.() !== 0) {
    chmodSync(path, 0o555);
    return () => chmodSync(path, 0o755);
  }
  execFileSync("mount", ["--bind", path, path]);
  execFileSync("mount", ["-o", "remount,bind,ro", path]);
  return () => execFileSync("umount", [path]);
}

/**
 * Makes one file read-only for this process. File modes do not stop root, so as root the file is bind-mounted
 * read-only over itself (its folder stays writable, as with a file chmod 0444 that its owner cannot write);
 * as anyone else, chmod does it. Returns how to undo it.
 */
function readOnlyFile(path: string): () => void {
  if (process.getuid?.() !== 0) {
    chmodSync(path, 0o444);
    return () => chmodSync(path, 0o644);
  }
  execFileSync("mount", ["--bind", path, path]);
  execFileSync("mount", ["-o", "remount,bind,ro", path]);
  return () => execFileSync("umount", [path]);
}

describe("a read-only database file", () => {
  it("srm start refuses to start (never ready), saying the file cannot be written and what to do", async () => {
    const dbPath = await answeredDatabase();
    // Undone however the test ends (a start that never returns included): a mount must not outlive it.
    const undo = readOnlyFile(dbPath);
    onTestFinished(() => {
      undo();
      removeTempDb(dbPath);
    });
    const r = await start(dbPath);
    expect(r.code).toBe(1);
    // The path check at start names the file, that it is read-only, and the fix.
    expect(r.err).toContain(dbPath);
    expect(r.err).toContain("read-only");
    expect(r.err).toContain("writable");
    expect(r.slackCalls).toBe(0);
    tally.add("starts refused on a read-only file");
  });

  it("srm start refuses to start in a folder it cannot write, saying so and what to do", async () => {
    const dbPath = await answeredDatabase();
    const undo = readOnlyFolder(dirname(dbPath));
    onTestFinished(() => {
      undo();
      removeTempDb(dbPath);
    });
    const r = await start(dbPath);
    expect(r.code).toBe(1);
    expect(r.err).toContain(dbPath);
    expect(r.err).toContain("read-only");
    expect(r.err).toContain("writable");
    expect(r.slackCalls).toBe(0);
    tally.add("starts refused in a read-only folder");
  });
});
