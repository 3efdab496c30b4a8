import type { webApi } from "@slack/bolt";
import { type BotHttpServer, startHttpServer } from "../../../adapters/http/server.js";
import { createSlackFrontEnd, SLACK_EVENTS_PATH, type SlackFrontEnd } from "../../../adapters/slack/index.js";
import { loadConfig } from "../../../src/config.js";
import { buildApp, type SqliteApp } from "../../../src/main.js";
import type { Clock, Logger } from "../../../src/ports.js";
import { RoutingAnnouncer } from "../../../src/routing-announcer.js";
import { RecordingLogger } from "../announcer.js";
import { eventually } from "./eventually.js";
import { type FakePerson, uniqueId } from "./payloads.js";
import { type SendOptions, type SentResponse, SlackRequestSender } from "./request-sender.js";
import { FakeSocketMode } from "./socket-mode.js";
import { FakeSlackWebApi } from "./web-api.js";

/** The signing secret the fake Slack and the bot share. */
export const SIGNING_SECRET = "fake-signing-secret-0123456789abcdef";

/** Retries that keep a failing test short, yet still retry once after a 429. */
export const FAST_RETRIES: webApi.RetryOptions = { retries: 2, factor: 1, minTimeout: 5, maxTimeout: 20 };

/**
 * srm-bot on an in-memory database behind the real Slack front end, built and started the way the
 * composition root does, with the fast retries the fakes' tests use. `settings` add to the bot token.
 */
export async function startSlackFrontEnd(
  settings: Record<string, string>,
  logger: Logger,
  clock?: Clock,
): Promise<{ app: SqliteApp; frontEnd: SlackFrontEnd; server: BotHttpServer }> {
  const config = loadConfig({ SRM_DB: ":memory:", SLACK_BOT_TOKEN: "xoxb-fake-bot-token", ...settings });
  if (!config.slack) throw new Error("the Slack settings did not load");
  const router = new RoutingAnnouncer();
  const app = buildApp(config, { announcer: router, logger, ...(clock ? { clock } : {}) });
  // The bot's one HTTP server, as the composition root starts it: health and metrics, and Slack's endpoint.
  const server = await startHttpServer({
    sources: { checks: () => [], metrics: app.metrics },
    port: 0,
    host: "127.0.0.1",
    logger,
  });
  const frontEnd = createSlackFrontEnd({
    engine: app.engine,
    config: config.slack,
    admins: config.admins,
    logger,
    server,
    deliveries: app.deliveries,
    retryConfig: FAST_RETRIES,
  });
  router.register("slack", frontEnd.announcer);
  await frontEnd.start();
  return { app, frontEnd, server };
}

/** How a workspace is set up. */
export interface WorkspaceOptions {
  readonly mode?: "http" | "socket";
  /** User ids in SRM_ADMINS. */
  readonly admins?: readonly string[];
  /** Where the app logs (a RecordingLogger when not given). */
  readonly logger?: Logger;
  /** The app's clock (the system's when not given). */
  readonly clock?: Clock;
  /** More settings, as environment variables. */
  readonly settings?: Record<string, string>;
}

/**
 * A whole srm-bot on an in-memory database behind the real Slack front end, talking to a fake Slack on
 * 127.0.0.1: the Web API fake, and a request sender (HTTP mode) or a Socket Mode fake.
 */
export class SlackWorkspace {
  private constructor(
    readonly api: FakeSlackWebApi,
    readonly socket: FakeSocketMode | null,
    readonly app: SqliteApp,
    readonly frontEnd: SlackFrontEnd,
    readonly logger: Logger,
    private readonly server: BotHttpServer,
  ) {}

  /** Starts the fakes first (Bolt calls auth.test when it starts), then the bot. */
  static async start(o: WorkspaceOptions = {}): Promise<SlackWorkspace> {
    const mode = o.mode ?? "http";
    const api = await FakeSlackWebApi.start();
    const socket = mode === "socket" ? await FakeSocketMode.start(api) : null;
    const logger = o.logger ?? new RecordingLogger();
    const { app, frontEnd, server } = await startSlackFrontEnd(
      {
        SRM_ADMINS: (o.admins ?? []).join(","),
        SLACK_API_URL: api.apiUrl,
        ...(mode === "socket"
          ? { SLACK_APP_TOKEN: "xapp-fake-app-token" }
          : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
        ...o.settings,
      },
      logger,
      o.clock,
    );
    return new SlackWorkspace(api, socket, app, frontEnd, logger, server);
  }

  /** Signs requests to the bot's HTTP endpoint (HTTP mode only). */
  get sender(): SlackRequestSender {
    const port = this.frontEnd.httpPort();
    if (port === null) throw new Error("the bot has no HTTP endpoint in Socket Mode");
    return new SlackRequestSender(`http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, SIGNING_SECRET);
  }

  /** A Slack user, known to users.info as an admin or not. */
  person(name: string, o: { admin?: boolean } = {}): FakePerson {
    const person = { id: `U${name.toUpperCase()}`, name };
    this.api.setUser(person.id, { name, admin: o.admin === true });
    return person;
  }

  /** Types `/srm <text>` over HTTP; resolves to the acknowledgement and the response_url id of the reply. */
  async command(
    person: FakePerson,
    text: string,
    o: { channel?: string } & SendOptions = {},
  ): Promise<{ ack: SentResponse; replyId: string }> {
    const replyId = `command-${uniqueId()}`;
    const ack = await this.sender.slashCommand(
      {
        person,
        text,
        responseUrl: this.api.responseUrl(replyId),
        ...(o.channel ? { channel: o.channel } : {}),
      },
      o,
    );
    return { ack, replyId };
  }

  /**
   * Types `/srm <text>` over HTTP and returns the reply: the one in the acknowledgement, or (for a command
   * that outlasted the acknowledgement) the one Bolt's respond() posts to the response_url.
   */
  async ask(
    person: FakePerson,
    text: string,
    o: { channel?: string } = {},
  ): Promise<Record<string, unknown>> {
    const { ack, replyId } = await this.command(person, text, o);
    if (ack.status !== 200) throw new Error(`the bot answered ${ack.status} to /srm ${text}`);
    return ack.body === "" ? this.replyTo(replyId) : JSON.parse(ack.body);
  }

  /** Waits for the first reply posted to response_url `id`. */
  replyTo(id: string): Promise<Record<string, unknown>> {
    return eventually(`a reply at response_url ${id}`, () => this.api.responsesTo(id)[0]);
  }

  /** Stops the bot, then the fakes, then closes the database. */
  async close(): Promise<void> {
    await this.frontEnd.stop();
    await this.server.close();
    await this.socket?.close();
    await this.api.close();
    await this.app.close();
  }
}

/** The header texts of a reply's or message's blocks, in order. */
export function headers(blocks: unknown): string[] {
  return (blocks as { type: string; text?: { text: string } }[])
    .filter((b) => b.type === "header")
    .map((b) => b.text?.text ?? "");
}

/** Every piece of text in a set of blocks, joined: what a person can read in the message. */
export function blockText(blocks: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (typeof o.text === "string") texts.push(o.text);
      for (const v of Object.values(o)) if (typeof v === "object") walk(v);
    }
  };
  walk(blocks);
  return texts.join("\n");
}
