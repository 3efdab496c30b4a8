import { EventEmitter } from "node:events";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { databaseInUse } from "../../src/store/run-lock.js";
import { SlackRequestSender } from "../fakes/slack/request-sender.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { sink } from "../support/app.js";

const BOT_TOKEN = "xoxb-111111111111-222222222222-SeCrEtBoTtOkEn";
const SIGNING_SECRET = "f0e1d2c3b4a5968778695a4b3c2d1e0f";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe("srm start with Slack configured", () => {
  it("serves Slack and health on PORT, answers, stops cleanly on SIGTERM, and never prints a secret", async () => {
    const api = await FakeSlackWebApi.start();
    const port = await freePort();
    const db = join(mkdtempSync(join(tmpdir(), "srm-")), "srm.db");
    const signals = new EventEmitter();
    const stdout = sink();
    const stderr = sink();
    const running = runCli(["start"], {
      stdin: new PassThrough(),
      stdout,
      stderr,
      signals,
      cwd: tmpdir(),
      env: {
        SRM_DB: db,
        PORT: String(port),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: api.apiUrl,
        LOG_LEVEL: "debug",
      },
    });
    const base = `http://127.0.0.1:${port}`;
    let ready: unknown;
    for (let i = 0; i < 200 && ready === undefined; i++) {
      const r = await fetch(`${base}/readyz`).catch(() => null);
      if (r?.status === 200) ready = await r.json();
      else await new Promise((done) => setTimeout(done, 50));
    }
    expect(ready).toEqual({ ready: true, checks: { database: true, slack: true } });
    expect(databaseInUse(db)).toBe(true);

    const sender = new SlackRequestSender(`${base}/slack/events`, SIGNING_SECRET);
    api.setUser("UANN", { name: "ann", admin: false });
    const ack = await sender.slashCommand({
      person: { id: "UANN", name: "ann" },
      text: "ec2 os-patching",
      responseUrl: api.responseUrl("r1"),
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toContain("Customer");
    const forged = await sender.slashCommand(
      { person: { id: "UANN", name: "ann" }, text: "rds", responseUrl: api.responseUrl("r2") },
      { secret: "wrong-secret-wrong-secret" },
    );
    expect(forged.status).toBe(401);
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('srm_lookups_total{status="answer"} 1');

    signals.emit("SIGTERM");
    expect(await running).toBe(0);
    expect(databaseInUse(db)).toBe(false);
    const check = new Database(db, { readonly: true });
    expect(check.prepare("SELECT COUNT(*) AS n FROM lookups").get()).toEqual({ n: 1 });
    check.close();
    await api.close();

    const printed = stdout.text() + stderr.text();
    expect(printed).toContain("srm-bot is ready");
    expect(printed).toContain("stopped cleanly");
    expect(printed).not.toContain(BOT_TOKEN);
    expect(printed).not.toContain(SIGNING_SECRET);
    expect(printed).not.toContain("SeCrEtBoTtOkEn");
  });

  it("a token Slack refuses stops start with the setting named and no secret printed", async () => {
    const api = await FakeSlackWebApi.start();
    api.failNext("auth.test", 5, { error: "invalid_auth" });
    const stderr = sink();
    const stdout = sink();
    const code = await runCli(["start"], {
      stdin: new PassThrough(),
      stdout,
      stderr,
      signals: new EventEmitter(),
      cwd: tmpdir(),
      env: {
        SRM_DB: ":memory:",
        PORT: String(await freePort()),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: api.apiUrl,
      },
    });
    await api.close();
    expect(code).toBe(1);
    expect(stderr.text()).toContain("SLACK_BOT_TOKEN");
    expect(stdout.text() + stderr.text()).not.toContain(BOT_TOKEN);
  });
});
