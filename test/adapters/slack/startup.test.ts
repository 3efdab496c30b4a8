import { afterEach, describe, expect, it } from "vitest";
import { type BotHttpServer, startHttpServer } from "../../../adapters/http/server.js";
import { createSlackFrontEnd } from "../../../adapters/slack/index.js";
import { loadConfig } from "../../../src/config.js";
import { buildApp, type SqliteApp } from "../../../src/main.js";
import { RecordingAnnouncer, RecordingLogger } from "../../fakes/announcer.js";
import { FakeSlackWebApi } from "../../fakes/slack/web-api.js";
import { FAST_RETRIES } from "../../fakes/slack/workspace.js";

let api: FakeSlackWebApi;
let app: SqliteApp;
let server: BotHttpServer;

afterEach(async () => {
  await server.close();
  await api.close();
  await app.close();
});

async function frontEndWith(env: Record<string, string>) {
  api = await FakeSlackWebApi.start();
  const config = loadConfig({
    SRM_DB: ":memory:",
    SLACK_BOT_TOKEN: "xoxb-revoked",
    SLACK_API_URL: api.apiUrl,
    ...env,
  });
  const logger = new RecordingLogger();
  app = buildApp(config, { announcer: new RecordingAnnouncer(), logger });
  if (!config.slack) throw new Error("no Slack settings");
  server = await startHttpServer({
    sources: { checks: () => [], metrics: app.metrics },
    port: 0,
    host: "127.0.0.1",
    logger,
  });
  const options = {
    engine: app.engine,
    config: config.slack,
    admins: config.admins,
    logger,
    server,
    deliveries: app.deliveries,
  };
  return createSlackFrontEnd({ ...options, retryConfig: FAST_RETRIES });
}

describe("starting the Slack front end", () => {
  it("a bot token Slack refuses fails start with a message naming SLACK_BOT_TOKEN", async () => {
    const frontEnd = await frontEndWith({ SLACK_SIGNING_SECRET: "s" });
    api.failNext("auth.test", 1, { error: "invalid_auth" });
    await expect(frontEnd.start()).rejects.toThrow(
      /auth\.test failed with invalid_auth\. Check SLACK_BOT_TOKEN/,
    );
    expect(frontEnd.httpPort()).toBeNull();
  });

  it("an app token Slack refuses fails start in Socket Mode with a message naming SLACK_APP_TOKEN", async () => {
    const frontEnd = await frontEndWith({ SLACK_APP_TOKEN: "xapp-revoked" });
    api.failNext("apps.connections.open", 1, { error: "invalid_auth" });
    await expect(frontEnd.start()).rejects.toThrow(
      /apps\.connections\.open failed with invalid_auth\. Check SLACK_APP_TOKEN/,
    );
  });
});
