import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import { scoreDifferences } from "../../src/store/recompute.js";
import type { RecordingLogger } from "../fakes/announcer.js";
import { waitFor } from "../fakes/discord/wait.js";
import type { FakePerson } from "../fakes/slack/payloads.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { headers, type SlackWorkspace } from "../fakes/slack/workspace.js";
import { memoryApp, person, sink, terminalChannel } from "../support/app.js";
import { freePort, removeTempDb, tempDb } from "./support/bot-process.js";
import { report, Tally } from "./support/figures.js";
import { workspaceWithRound } from "./support/slack-round.js";
import { dumpTables } from "./support/tables.js";

const tally = new Tally();
afterAll(() => report("storage faults", tally.figures()));

/** The plain answer to a write the database refuses: it names the database, never "something went wrong". */
const CANNOT_WRITE = /database/i;

let slack: SlackWorkspace;
let boss: FakePerson;

/** Every write the storage fault must refuse, with what a person types or clicks. */
async function attemptWrites(): Promise<string[]> {
  const titles: string[] = [];
  for (const text of ["daily now", 'competition start "Cup" 2w', "settings difficulty hard", "reveal"]) {
    const reply = await slack.ask(boss, text, { channel: text === "daily now" ? "C2" : "C1" });
    titles.push(headers(reply.blocks)[0] ?? "");
  }
  await slack.sender.click({
    person: slack.person("bob"),
    actionId: "answer:1:B",
    responseUrl: slack.api.responseUrl("bob"),
    channel: "C1",
  });
  titles.push(headers((await slack.replyTo("bob")).blocks)[0] ?? "");
  return titles;
}

function storageErrors(): string[] {
  return (slack.logger as RecordingLogger).lines
    .filter((l) => l.level === "error" && /readonly|full/i.test(String(l.fields?.error)))
    .map((l) => String(l.fields?.error));
}

describe("storage faults", () => {
  beforeEach(async () => {
    ({ slack, boss } = await workspaceWithRound());
  });

  afterEach(async () => {
    await slack.close();
  });

  it("a read-only database: each write is refused plainly and logged once, nothing is half-written, all works once writable", async () => {
    await slack.sender.click({
      person: slack.person("ann"),
      actionId: "answer:1:A",
      responseUrl: slack.api.responseUrl("ann"),
      channel: "C1",
    });
    await slack.replyTo("ann");
    await slack.app.engine.idle();
    const before = dumpTables(slack.app.db);
    slack.app.db.pragma("query_only = ON");
    const titles = await attemptWrites();
    for (const t of titles) expect(t).toMatch(CANNOT_WRITE);
    expect(titles).not.toContain("Something went wrong on our side");
    expect(storageErrors()).toHaveLength(titles.length);
    slack.app.db.pragma("query_only = OFF");
    expect(dumpTables(slack.app.db)).toEqual(before);
    tally.add("writes refused on a read-only database", titles.length);
    expect(headers((await slack.ask(boss, "reveal", { channel: "C1" })).blocks)[0]).toBe("Revealed");
    expect(scoreDifferences(slack.app.db)).toEqual([]);
  });

  it("a full disk: a reveal that cannot grow the file is refused plainly and rolls back whole, and succeeds once there is room", async () => {
    // 500 answers, so that the reveal's scores need more pages than the file may have.
    for (let i = 0; i < 500; i++) {
      const actor = {
        platform: "slack" as const,
        workspaceId: "T0FAKE",
        userId: `UF${i}`,
        displayName: `f${i}`,
        platformAdmin: false,
      };
      await slack.app.engine.press(`answer:1:${"ABCD"[i % 4]}`, actor);
    }
    await slack.app.engine.idle();
    const before = dumpTables(slack.app.db);
    const pages = slack.app.db.pragma("page_count", { simple: true }) as number;
    slack.app.db.pragma(`max_page_count = ${pages}`);
    const title = headers((await slack.ask(boss, "reveal", { channel: "C1" })).blocks)[0];
    expect(title).toMatch(CANNOT_WRITE);
    expect(storageErrors()).toHaveLength(1);
    expect(dumpTables(slack.app.db)).toEqual(before);
    slack.app.db.pragma(`max_page_count = ${pages * 100}`);
    expect(headers((await slack.ask(boss, "reveal", { channel: "C1" })).blocks)[0]).toBe("Revealed");
    expect(scoreDifferences(slack.app.db)).toEqual([]);
    tally.add("reveals rolled back whole on a full disk");
  });
});

describe("a database newer than the code", () => {
  it("srm start refuses to start, naming both versions, and leaves the file untouched", async () => {
    const dbPath = tempDb();
    const config = loadConfig({ SRM_DB: dbPath });
    const { db } = openDatabase(dbPath, config.migrationsDir);
    db.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', '2030-01-01')",
    ).run();
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    const hash = () => createHash("sha256").update(readFileSync(dbPath)).digest("hex");
    const before = hash();
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
    expect(code).toBe(1);
    expect(stderr.text()).toContain("schema version 9999");
    expect(stderr.text()).toMatch(/upgrade srm-bot/);
    expect(hash()).toBe(before);
    removeTempDb(dbPath);
    expect(api.calls).toEqual([]);
    tally.add("starts refused on a newer database");
  });
});

describe("lookup statistics the database cannot take", () => {
  it("on a read-only database a lookup is answered, and the lost statistics are logged, not thrown", async () => {
    const app = memoryApp();
    app.db.pragma("query_only = ON");
    const reply = await app.engine.handle({
      text: "ec2 os-patching",
      actor: person("ann"),
      channel: terminalChannel,
    });
    expect(reply.cards[0]?.title).toBe("Customer");
    // They are written a moment after the reply, on a timer: a throw there would end the process (and fail
    // this test run as an uncaught exception), so the failure must be logged instead.
    await waitFor(
      () =>
        app.logger.lines.some((l) => /lookup/i.test(l.message) && /readonly/i.test(String(l.fields?.error))),
      "the lost statistics to be logged",
      2_000,
    );
    app.db.pragma("query_only = OFF");
    await app.close();
    tally.add("lookups answered on a read-only database");
  });
});
