import { SLACK_EVENTS_PATH, type SlackFrontEnd } from "../../../adapters/slack/index.js";
import type { SqliteApp } from "../../../src/main.js";
import { RecordingLogger } from "../../fakes/announcer.js";
import { SlackRequestSender } from "../../fakes/slack/request-sender.js";
import { SIGNING_SECRET, startSlackFrontEnd } from "../../fakes/slack/workspace.js";

/** srm-bot's Slack front end on an in-memory database, talking to the Web API at any URL (a fault proxy). */
export interface SlackBot {
  readonly app: SqliteApp;
  readonly frontEnd: SlackFrontEnd;
  readonly logger: RecordingLogger;
  readonly sender: SlackRequestSender;
  close(): Promise<void>;
}

/** Builds and starts the bot as the fakes' workspace does, talking to the Web API at `apiUrl`. */
export async function startSlackBot(apiUrl: string): Promise<SlackBot> {
  const logger = new RecordingLogger();
  const { app, frontEnd, server } = await startSlackFrontEnd(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl },
    logger,
  );
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
      await server.close();
      await app.close();
    },
  };
}
