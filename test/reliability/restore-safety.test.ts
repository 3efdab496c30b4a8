import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadConfig } from "../../src/config.js";
import type { RestoreStep } from "../../src/store/backup.js";
import { integrityProblems, openDatabase } from "../../src/store/database.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { memoryApp, sink } from "../support/app.js";
import { BotProcess, removeTempDb, tempDb } from "./support/bot-process.js";
import { report, Tally } from "./support/figures.js";
import { SEED, scaled } from "./support/scale.js";
import { seededRandom } from "./support/slack-crowd.js";

const tally = new Tally();
afterAll(() => report("restore beside live bots and killed restores", tally.figures()));

const ROOT = join(import.meta.dirname, "..", "..");
const MIGRATIONS = loadConfig({}).migrationsDir;

async function cli(args: string[], dbPath: string) {
  const stdout = sink();
  const stderr = sink();
  const code = await runCli(args, {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { SRM_DB: dbPath },
    cwd: dirname(dbPath),
  });
  return { code, out: stdout.text(), err: stderr.text() };
}

/** The answers in a database, opened as the bot opens it (a WAL left by a crash is read too). */
function answers(dbPath: string): number {
  const db = new Database(dbPath, { fileMustExist: true });
  const n = (db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number }).n;
  db.close();
  return n;
}

/**
 * Presses answer buttons for `people` new people in a new round of a database file. With `crashImage`, the
 * answers stay in the WAL and the database and its WAL are copied there before the close: the files a bot
 * killed with kill -9 leaves.
 */
async function answered(dbPath: string, people: number, from = 0, crashImage?: string): Promise<void> {
  const app = memoryApp({ SRM_DB: dbPath });
  if (crashImage) app.db.pragma("wal_autocheckpoint = 0");
  const boss = {
    platform: "terminal" as const,
    workspaceId: "local",
    userId: "boss",
    displayName: "boss",
    platformAdmin: true,
  };
  const channel = { platform: "terminal" as const, workspaceId: "local", channelId: `c${from}` };
  await app.engine.handle({ text: "daily now", actor: boss, channel });
  const round = (app.db.prepare("SELECT MAX(id) AS id FROM rounds").get() as { id: number }).id;
  for (let i = from; i < from + people; i++)
    await app.engine.press(
      `answer:${round}:A`,
      { ...boss, userId: `u${i}`, displayName: `u${i}`, platformAdmin: false },
      channel,
    );
  await app.engine.idle();
  if (crashImage) {
    copyFileSync(dbPath, join(crashImage, "srm.db"));
    copyFileSync(`${dbPath}-wal`, join(crashImage, "srm.db-wal"));
  }
  await app.close();
}

describe("srm db restore beside running bots", () => {
  it("is refused while either of two bots runs, even after the other stopped, and allowed once the last is killed", async () => {
    const api = await FakeSlackWebApi.start();
    const dbPath = tempDb();
    openDatabase(dbPath, MIGRATIONS).db.close();
    await answered(dbPath, 20);
    const backup = join(dirname(dbPath), "backup.db");
    expect((await cli(["db", "backup", backup], dbPath)).code).toBe(0);
    await answered(dbPath, 10, 20);
    const bots = await Promise.all([0, 1].map(() => BotProcess.start({ dbPath, apiUrl: api.apiUrl })));
    const [a, b] = bots as [BotProcess, BotProcess];
    try {
      expect(await a.stop()).toBe(0);
      const refused = await cli(["db", "restore", backup], dbPath);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain("is running on");
      expect(await b.ready()).toBe(true);
      expect(answers(dbPath)).toBe(30);
      tally.add("restores refused beside a live bot");
      await b.kill(); // kill -9: the lock goes with the process
      const done = await cli(["db", "restore", backup], dbPath);
      expect(done.err).toBe("");
      expect(answers(dbPath)).toBe(20);
    } finally {
      await Promise.all(bots.map((bot) => bot.kill()));
      await api.close();
      removeTempDb(dbPath);
    }
  }, 120_000);
});

/** Runs a restore in its own process and kills it with SIGKILL once it reaches `step`. */
async function restoreKilledAt(backup: string, dbPath: string, step: RestoreStep): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "test/reliability/support/restore-child.ts"),
      backup,
      dbPath,
      MIGRATIONS,
      step,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString("utf8");
    if (out.split("\n").includes(step)) child.kill("SIGKILL");
  });
  child.stderr.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_, s) => resolve(s)),
  );
  if (signal !== "SIGKILL") throw new Error(`the restore was not stopped at ${step}:\n${out}`);
  return out;
}

/** A live database as a killed bot leaves it (3,100 answers, 2,700 only in its WAL), and a backup of 400. */
const OLD = 3_100;
const NEW = 400;
let image = "";
let backup = "";

beforeAll(async () => {
  const source = tempDb();
  await answered(source, NEW);
  image = mkdtempSync(join(tmpdir(), "srm-image-"));
  backup = join(image, "backup.db");
  expect((await cli(["db", "backup", backup], source)).code).toBe(0);
  await answered(source, OLD - NEW, NEW, image);
  removeTempDb(source);
}, 60_000);

afterAll(() => rmSync(image, { recursive: true, force: true }));

/** A fresh copy of the killed bot's files in a folder of its own. */
function liveCopy(): string {
  const dbPath = join(mkdtempSync(join(tmpdir(), "srm-restore-")), "srm.db");
  copyFileSync(join(image, "srm.db"), dbPath);
  copyFileSync(join(image, "srm.db-wal"), `${dbPath}-wal`);
  return dbPath;
}

/** `node bin/srm.js db restore <backup>`, killed with SIGKILL after `killAfterMs` unless it ended first. */
async function cliRestore(
  dbPath: string,
  killAfterMs: number | null,
): Promise<{ killed: boolean; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, "bin", "srm.js"), "db", "restore", backup], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? tmpdir(), SRM_DB: dbPath },
    stdio: "ignore",
  });
  const timer = killAfterMs === null ? null : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_, s) => resolve(s)),
  );
  if (timer) clearTimeout(timer);
  return { killed: signal === "SIGKILL", ms: performance.now() - started };
}

describe("kill -9 of a restore", () => {
  it("at every step leaves the old database or the new one, whole, never none; a restore run again completes", async () => {
    const steps: RestoreStep[] = ["locked", "copying", "checked", "synced", "live-settled", "renamed"];
    for (const step of steps) {
      const dbPath = liveCopy();
      await restoreKilledAt(backup, dbPath, step);
      expect(existsSync(dbPath)).toBe(true);
      expect(integrityProblems(dbPath)).toEqual([]);
      expect(answers(dbPath)).toBe(step === "renamed" ? NEW : OLD);
      tally.add("restores killed at a step, database whole after");
      if (step === "synced") {
        const again = await cli(["db", "restore", backup], dbPath);
        expect(again.err).toBe("");
        expect(answers(dbPath)).toBe(NEW);
        expect(existsSync(`${dbPath}.restoring`)).toBe(false);
      }
      removeTempDb(dbPath);
    }
  }, 180_000);

  it("of the srm db restore command at random moments leaves the old database or the new one, whole, every time", async () => {
    const whole = liveCopy();
    const { ms } = await cliRestore(whole, null);
    expect(answers(whole)).toBe(NEW);
    removeTempDb(whole);
    const random = seededRandom(SEED);
    for (let i = 0; i < scaled(6); i++) {
      const dbPath = liveCopy();
      // Most of a run is Node and TypeScript starting; the restore itself is its last part.
      const { killed } = await cliRestore(dbPath, ms * (0.5 + 0.6 * random()));
      expect(existsSync(dbPath)).toBe(true);
      expect(integrityProblems(dbPath)).toEqual([]);
      const n = answers(dbPath);
      expect([OLD, NEW]).toContain(n);
      tally.add(killed ? "restore commands killed at random" : "restore commands that finished first");
      if (killed)
        tally.add(n === OLD ? "random kills leaving the old database" : "random kills leaving the new one");
      removeTempDb(dbPath);
    }
  }, 300_000);
});
