import { EventEmitter } from "node:events";
import { createServer, type Socket } from "node:net";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/store/database.js";
import { databaseInUse } from "../../src/store/run-lock.js";
import { FAKE_TEAM } from "../fakes/slack/payloads.js";
import { FakeSlackWebApi } from "../fakes/slack/web-api.js";
import { sink } from "../support/app.js";
import {
  BotProcess,
  CHILD_SECRET,
  CHILD_TOKEN,
  freePort,
  removeTempDb,
  tempDb,
} from "./support/bot-process.js";
import { report } from "./support/figures.js";

const PROXY_PASSWORD = "Pr0xy-Passw0rd-42";
const dbs: string[] = [];
afterAll(() => {
  for (const db of dbs) removeTempDb(db);
});

/** Slack settings pointing at a loopback port nothing listens on, through a proxy with a password. */
async function unreachableSlack(timeoutS: number): Promise<Record<string, string>> {
  return {
    SLACK_BOT_TOKEN: CHILD_TOKEN,
    SLACK_SIGNING_SECRET: CHILD_SECRET,
    SLACK_API_URL: `http://proxyuser:${PROXY_PASSWORD}@127.0.0.1:${await freePort()}/api/`,
    SRM_CONNECT_TIMEOUT: String(timeoutS),
  };
}

/** Asks for `path` until `accept` holds; returns the last answer. */
async function until(
  bot: BotProcess,
  path: string,
  accept: (a: { status: number; text: string }) => boolean,
): Promise<{ status: number; text: string }> {
  for (let i = 0; i < 600; i++) {
    const answer = await bot.get(path);
    if (answer && accept(answer)) return answer;
    if (!bot.alive) throw new Error(`the bot exited:\n${bot.log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} never answered as expected:\n${bot.log}`);
}

describe("srm start while Slack cannot be reached", () => {
  it("serves health at once, names the failing check on /readyz, shows counters at zero, then gives up after SRM_CONNECT_TIMEOUT with exit 1", async () => {
    const dbPath = tempDb();
    dbs.push(dbPath);
    const bot = await BotProcess.spawn({ dbPath, settings: await unreachableSlack(4) });
    await bot.untilServing();
    expect((await bot.get("/healthz"))?.status).toBe(200);
    const notReady = await until(bot, "/readyz", (a) => a.text.includes("unreachable, retrying"));
    expect(notReady.status).toBe(503);
    const body = JSON.parse(notReady.text) as { ready: boolean; checks: unknown; failing: string[] };
    expect(body.ready).toBe(false);
    expect(body.checks).toEqual({ database: true, slack: false });
    expect(body.failing[0]).toMatch(/^slack: unreachable, retrying/);
    const metrics = (await bot.get("/metrics"))?.text ?? "";
    expect(metrics).toContain('srm_errors_total{where="engine"} 0');
    expect(metrics).toContain('srm_answers_total{outcome="locked"} 0');
    // Slack's endpoint is there, and says it is not connected yet.
    const early = await fetch(bot.eventsUrl, { method: "POST", body: "{}" });
    expect(early.status).toBe(503);

    const exit = await bot.exited;
    expect(exit.code, bot.log).toBe(1);
    expect(bot.log).toContain("slack could not be reached for 4 s (SRM_CONNECT_TIMEOUT); giving up");
    expect(databaseInUse(dbPath)).toBe(false);
    expect(bot.log).not.toContain(PROXY_PASSWORD);
    report("start-up", {
      "retries logged before giving up": bot.log.split("could not be reached; trying again").length - 1,
    });
  }, 60_000);

  it("SIGTERM while still connecting stops cleanly: exit 0, the database's lock let go, and a stray POST never ended it", async () => {
    const dbPath = tempDb();
    dbs.push(dbPath);
    const bot = await BotProcess.spawn({ dbPath, settings: await unreachableSlack(600) });
    await bot.untilServing("/readyz");
    expect(databaseInUse(dbPath)).toBe(true);
    const stray = await fetch(`http://127.0.0.1:${bot.port}/not-slack`, { method: "POST", body: "x" });
    expect(stray.status).toBe(404);
    expect(bot.alive).toBe(true);
    expect(await bot.stop()).toBe(0);
    expect(databaseInUse(dbPath)).toBe(false);
    expect(bot.log).toContain("stopped cleanly");
  }, 60_000);
});

describe("srm start while Discord never finishes connecting", () => {
  it("SIGTERM stops it cleanly: exit 0 and the database's lock let go", async () => {
    // A Discord API that takes connections and never answers: discord.js's login waits on it.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const dbPath = tempDb();
    dbs.push(dbPath);
    const bot = await BotProcess.spawn({
      dbPath,
      settings: {
        DISCORD_TOKEN: "fake-discord-token-0123456789",
        DISCORD_APPLICATION_ID: "123456789012345678",
        DISCORD_API_URL: `http://127.0.0.1:${(silent.address() as { port: number }).port}/api`,
        SRM_CONNECT_TIMEOUT: "600",
      },
    });
    try {
      const waiting = await until(bot, "/readyz", (a) => a.status === 503);
      expect(JSON.parse(waiting.text).failing).toEqual(["discord: connecting"]);
      for (let i = 0; i < 200 && sockets.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(sockets.size).toBeGreaterThan(0);
      const stopped = bot.stop();
      // The stop does not wait on the login still hanging: it finishes while the API holds every connection.
      for (let i = 0; i < 400 && !bot.log.includes("stopped cleanly"); i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(bot.log).toContain("stopped cleanly");
      expect(databaseInUse(dbPath)).toBe(false);
      // Then the API goes away, and with it the request discord.js left behind.
      for (const socket of sockets) socket.destroy();
      silent.close();
      expect(await stopped, bot.log).toBe(0);
    } finally {
      await bot.kill();
      silent.close();
    }
  }, 90_000);
});

describe("srm start stopped during its first tick", () => {
  it("SIGTERM while the first tick's post waits on Slack lets the post finish, records it once, and stops cleanly", async () => {
    const api = await FakeSlackWebApi.start();
    const dbPath = tempDb();
    dbs.push(dbPath);
    // A daily question due two minutes ago: the first tick posts it, and Slack makes it wait (429).
    const { db } = openDatabase(dbPath, loadConfig({}).migrationsDir);
    const due = new Date(Date.now() - 2 * 60_000);
    const hhmm = `${String(due.getUTCHours()).padStart(2, "0")}:${String(due.getUTCMinutes()).padStart(2, "0")}`;
    db.prepare(
      "INSERT INTO daily_schedules (platform, workspace, channel, post_time, timezone, days, reveal_after_minutes, active_from, updated_by) VALUES ('slack', ?, 'C1', ?, 'UTC', 'mon,tue,wed,thu,fri,sat,sun', 60, ?, 'UBOSS')",
    ).run(FAKE_TEAM, hhmm, new Date(Date.now() - 86_400_000).toISOString());
    db.close();
    api.failNext("chat.postMessage", 1, { status: 429, retryAfter: 3 });
    const bot = await BotProcess.spawn({ dbPath, apiUrl: api.apiUrl });
    try {
      for (let i = 0; i < 1200 && api.callsOf("chat.postMessage").length === 0; i++) {
        if (!bot.alive) throw new Error(`the bot exited:\n${bot.log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(api.callsOf("chat.postMessage")).toHaveLength(1);
      expect(await bot.stop(), bot.log).toBe(0);
      expect(databaseInUse(dbPath)).toBe(false);
      expect(bot.log).toContain("stopped cleanly");
      expect([...api.messages.values()].filter((m) => m.channel === "C1")).toHaveLength(1);
      const check = new Database(dbPath, { readonly: true });
      expect(check.prepare("SELECT state FROM daily_runs WHERE kind = 'post'").all()).toEqual([
        { state: "done" },
      ]);
      check.close();
    } finally {
      await bot.kill();
      await api.close();
    }
  }, 90_000);
});

describe("settings printed while starting", () => {
  it("a password inside SLACK_API_URL is never printed: not in the warnings, not in the message start fails with", async () => {
    const stdout = sink();
    const stderr = sink();
    const code = await runCli(["start"], {
      stdin: new PassThrough(),
      stdout,
      stderr,
      signals: new EventEmitter(),
      cwd: process.cwd(),
      env: {
        SRM_DB: ":memory:",
        PORT: String(await freePort()),
        LOG_LEVEL: "debug",
        ...(await unreachableSlack(2)),
      },
    });
    expect(code).toBe(1);
    const printed = stdout.text() + stderr.text();
    // Slack's client refuses such a URL, and says so with the URL in its message: every time, redacted.
    expect(printed).toContain("slack: http request failed");
    expect(printed).toContain("[redacted]");
    expect(printed).not.toContain(PROXY_PASSWORD);
  });
});

describe("srm terminal with PORT set", () => {
  it("serves health, readiness and metrics (counters at zero) while it runs, and closes them when input ends", async () => {
    const port = await freePort();
    const stdin = new PassThrough();
    const running = runCli(["terminal"], {
      stdin,
      stdout: sink(),
      stderr: sink(),
      signals: new EventEmitter(),
      cwd: process.cwd(),
      env: { SRM_DB: ":memory:", PORT: String(port) },
    });
    const base = `http://127.0.0.1:${port}`;
    let health: Response | null = null;
    for (let i = 0; i < 200 && health?.status !== 200; i++) {
      health = await fetch(`${base}/healthz`).catch(() => null);
      if (health?.status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(health?.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: true } });
    expect(await (await fetch(`${base}/metrics`)).text()).toContain('srm_errors_total{where="engine"} 0');
    stdin.end();
    expect(await running).toBe(0);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
