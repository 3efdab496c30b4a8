import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { TEXT_SYNTAX } from "../../src/commands/index.js";
import { createdMarkerPath } from "../../src/store/database.js";
import { renderPlain } from "../../src/views/plain.js";
import { eventually } from "../fakes/slack/eventually.js";
import { type FakePerson, uniqueTs } from "../fakes/slack/payloads.js";
import { SlackRequestSender } from "../fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { memoryApp, sink } from "../support/app.js";
import { channel, member, openRoundId, say } from "../support/people.js";
import { BotProcess, CHILD_SECRET, removeTempDb, tempDb } from "./support/bot-process.js";
import { report, Tally } from "./support/figures.js";
import { recordedKey, SlackCrowd } from "./support/slack-crowd.js";

const tally = new Tally();
afterAll(() => report("database file removed or replaced", tally.figures()));

const NOT_RECORDED =
  "The bot's database file was removed or replaced; answers are not being recorded. An operator must restart the bot.";

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

function answers(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const n = (db.prepare("SELECT COUNT(*) AS n FROM answers").get() as { n: number }).n;
  db.close();
  return n;
}

async function readyz(bot: BotProcess): Promise<{ status: number; body: unknown }> {
  const r = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
  return { status: r.status, body: await r.json() };
}

describe("the database file removed while srm start runs", () => {
  it("answers are refused plainly, /readyz fails, the log says why once, the next start refuses an empty database, and the copy the bot saved brings every answer back", async () => {
    const api = await FakeSlackWebApi.start();
    const dbPath = tempDb();
    const crowd = new SlackCrowd(api);
    const boss: FakePerson = { id: "UBOSS", name: "boss" };
    api.setUser(boss.id, { name: "boss", admin: true });
    let bot = await BotProcess.start({ dbPath, apiUrl: api.apiUrl });
    try {
      expect(await crowd.command(bot, boss, "daily now", "C1")).toBe("Posted a question in this channel");
      const message = await eventually("the question", () => api.lastMessageIn("C1"));
      const click = (n: number) =>
        crowd.click(bot, { id: `UA${n}`, name: `a${n}` }, "answer:1:A", "C1", message.ts);
      for (let n = 0; n < 50; n++) expect(recordedKey(await click(n))).toBe("A");
      rmSync(dbPath); // an operator's slip: rm data/srm.db while the bot runs
      const after = [await click(50), await click(51), await click(52)];
      for (const title of after) expect(title).toBe("The database could not save this");
      const sender = new SlackRequestSender(bot.eventsUrl, CHILD_SECRET, 200);
      await sender.click({
        person: { id: "UA53", name: "a53" },
        actionId: "answer:1:A",
        channel: "C1",
        messageTs: message.ts,
        actionTs: uniqueTs(),
        responseUrl: api.responseUrl("after-removal"),
      });
      sender.close();
      const body = await eventually("the reply", () => api.responsesTo("after-removal")[0]);
      expect(JSON.stringify(body)).toContain(NOT_RECORDED);
      const ready = await readyz(bot);
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({
        ready: false,
        checks: { database: false },
        failing: [`database: ${dbPath} was removed`],
      });
      expect(bot.log.match(/REMOVED OR REPLACED/g)).toHaveLength(1);
      tally.add("answers refused after the file was removed", after.length);

      expect(await bot.stop()).toBe(0);
      // The next start must not quietly make a new, empty database where the old one was.
      const refused = await BotProcess.start({ dbPath, apiUrl: api.apiUrl }).then(
        () => "started",
        (error: Error) => error.message,
      );
      expect(refused).toContain("is missing, but srm-bot created a database there before");
      // The bot copied what its open handle still held when it noticed; the refusal says how to put it back.
      const rescued = /"srm db restore ([^"]+)" puts it back/.exec(refused)?.[1];
      expect(rescued).toMatch(/srm\.db\.rescued-/);
      expect(existsSync(dbPath)).toBe(false);
      tally.add("starts refused on a missing database");

      const restored = await cli(["db", "restore", rescued as string], dbPath);
      expect(restored.err).toBe("");
      bot = await BotProcess.start({ dbPath, apiUrl: api.apiUrl });
      expect((await readyz(bot)).status).toBe(200);
      expect(await bot.stop()).toBe(0);
      expect(answers(dbPath)).toBe(50);
      tally.add("answers back from the copy the bot saved", answers(dbPath));
    } finally {
      await bot.kill();
      crowd.close();
      await api.close();
      removeTempDb(dbPath);
    }
  }, 180_000);
});

describe("the database file replaced under a running bot", () => {
  it("a press is refused with the reason, the replacing file is left untouched, and the error is logged once", async () => {
    const dbPath = tempDb();
    const app = memoryApp({ SRM_DB: dbPath });
    const boss = member("boss", { admin: true });
    expect(await say(app, boss, "daily now")).toContain("Posted a question");
    const round = openRoundId(app);
    expect((await app.engine.press(`answer:${round}:A`, member("ann"), channel())).cards[0]?.title).toMatch(
      /^Locked in/,
    );
    // Another copy of the file is moved over the path (a restore done by hand while the bot runs).
    const other = join(dirname(dbPath), "other.db");
    copyFileSync(dbPath, other);
    renameSync(other, dbPath);
    const hash = () => createHash("sha256").update(readFileSync(dbPath)).digest("hex");
    const before = hash();
    for (const who of ["bob", "cat", "dan"]) {
      const reply = await app.engine.press(`answer:${round}:B`, member(who), channel());
      expect(reply.cards[0]?.title).toBe("The database could not save this");
      expect(renderPlain(reply, TEXT_SYNTAX)).toContain(NOT_RECORDED);
    }
    expect(await say(app, boss, "reveal")).toContain(NOT_RECORDED);
    expect(app.storage.problem()?.kind).toBe("replaced");
    expect(app.logger.lines.filter((l) => /REMOVED OR REPLACED/.test(l.message))).toHaveLength(1);
    const copy = await app.storage.settled();
    await app.close();
    expect(hash()).toBe(before);
    expect(answers(dbPath)).toBe(1);
    expect(answers(copy as string)).toBe(1);
    removeTempDb(dbPath);
    tally.add("presses refused after the file was replaced", 3);
  });
});

describe("a new database and the marker beside it", () => {
  it("a fresh folder gets a database and its marker; once that database is gone, migrate refuses until the marker is removed", async () => {
    const dbPath = tempDb();
    expect((await cli(["db", "migrate"], dbPath)).code).toBe(0);
    expect(existsSync(createdMarkerPath(dbPath))).toBe(true);
    rmSync(dbPath);
    const refused = await cli(["db", "migrate"], dbPath);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`delete ${createdMarkerPath(dbPath)}`);
    expect(existsSync(dbPath)).toBe(false);
    rmSync(createdMarkerPath(dbPath));
    expect((await cli(["db", "migrate"], dbPath)).code).toBe(0);
    expect(existsSync(dbPath)).toBe(true);
    removeTempDb(dbPath);
  });
});
