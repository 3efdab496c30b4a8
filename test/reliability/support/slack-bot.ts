import { createSlackFrontEnd, SLACK_EVENTS_PATH, type SlackFrontEnd } from "../../../adapters/slack/index.js";
import { loadConfig } from "../../../src/config.js";
import { type App, buildApp } from "../../../src/main.js";
import { RoutingAnnouncer } from "../../../src/routing-announcer.js";
import { RecordingLogger } from "../../fakes/announcer.js";
import { SlackRequestSender } from "../../fakes/slack/request-sender.js";
import { FAST_RETRIES, SIGNING_SECRET } from "../../fakes/slack/workspace.js";

/** srm-bot's Slack front end on an in-memory database, talking to the Web API at any URL (a fault proxy). */
export interface SlackBot {
  readonly app: App;
  readonly frontEnd: SlackFrontEnd;
  readonly logger: RecordingLogger;
  readonly sender: SlackRequestSender;
  close(): Promise<void>;
}

/** Builds and starts the bot the way the composition root does, with the fast retries the fakes' tests use. */
export async function startSlackBot(apiUrl: string): Promise<SlackBot> {
  const config = loadConfig({
    SRM_DB: ":memory:",
    SLACK_BOT_TOKEN: "xoxb-fake-bot-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
  });
  if (!config.slack) throw new Error("the Slack settings did not load");
  const logger = new RecordingLogger();
  const router = new RoutingAnnouncer();
  const app = buildApp(config, { announcer: router, logger });
  const frontEnd = createSlackFrontEnd({
    engine: app.engine,
    config: config.slack,
    admins: config.admins,
    logger,
    port: 0,
    retryConfig: FAST_RETRIES,
  });
  router.register("slack", frontEnd.announcer);
  await frontEnd.start();
  const sender = new SlackRequestSender(
    `http://127.0.0.1:${frontEnd.httpPort()}${SLACK_EVENTS_PATH}`,
    SIGNING_SECRET,
  );
  return {
    app,
    frontEnd,
    logger,
    sender,
    async close() {
      sender.close();
      await frontEnd.stop();
      app.close();
    },
  };
}
