import { request } from "node:http";
import { type BotHttpServer, startHttpServer } from "../../../adapters/http/server.js";
import { createSlackFrontEnd, SLACK_EVENTS_PATH, type SlackFrontEnd } from "../../../adapters/slack/index.js";
import { INSTALL_PATH, OAUTH_REDIRECT_PATH } from "../../../adapters/slack/install-flow.js";
import { type App, openApp } from "../../../src/app.js";
import { loadConfig } from "../../../src/config.js";
import { RoutingAnnouncer } from "../../../src/routing-announcer.js";
import type { ManualClock } from "../../support/app.js";
import { freshDatabaseUrl } from "../../support/postgres.js";
import type { RecordingLogger } from "../announcer.js";
import { eventually } from "./eventually.js";
import type { FakeInstallTarget } from "./oauth.js";
import { type FakePerson, uniqueId } from "./payloads.js";
import { SlackRequestSender } from "./request-sender.js";
import { FakeSlackWebApi } from "./web-api.js";
import { FAST_RETRIES, SIGNING_SECRET } from "./workspace.js";

/** The key installed workspaces' tokens are sealed under in these tests. */
export const TEST_SECRET_KEY = "test-secret-key-that-is-longer-than-32-characters";

/** Where a command is typed: a workspace, or a workspace of an Enterprise Grid org. */
export type Where = string | { readonly team: string; readonly enterprise: string };

/** One HTTP answer from the bot: status, headers and body. */
export interface PageAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * srm-bot in the multi-workspace mode (SLACK_CLIENT_ID, no bot token) on SQLite or PostgreSQL, behind the real
 * Slack front end and the bot's own HTTP server, talking to the fake Slack on 127.0.0.1.
 */
export class MultiWorkspaceBot {
  private constructor(
    readonly api: FakeSlackWebApi,
    readonly app: App,
    readonly frontEnd: SlackFrontEnd,
    private readonly server: BotHttpServer,
  ) {}

  static async start(
    engine: "sqlite" | "postgres",
    logger: RecordingLogger,
    clock: ManualClock,
    /** Settings over the defaults (another SRM_SECRET_KEY, an SRM_DB file or SRM_DATABASE_URL to start again on). */
    settings: Record<string, string> = {},
    /** The fake Slack to talk to (a fresh one when not given). */
    fake?: FakeSlackWebApi,
  ): Promise<MultiWorkspaceBot> {
    const api = fake ?? (await FakeSlackWebApi.start());
    const config = loadConfig({
      SLACK_CLIENT_ID: api.oauth.client.id,
      SLACK_CLIENT_SECRET: api.oauth.client.secret,
      SLACK_STATE_SECRET: "test-state-secret-0123456789",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SRM_SECRET_KEY: TEST_SECRET_KEY,
      SLACK_API_URL: api.apiUrl,
      ...(engine === "postgres" ? { SRM_DATABASE_URL: await freshDatabaseUrl() } : { SRM_DB: ":memory:" }),
      ...settings,
    });
    if (!config.slack) throw new Error("the Slack settings did not load");
    const router = new RoutingAnnouncer();
    const app = await openApp(config, { announcer: router, logger, clock });
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
      installations: app.stores.installations,
      retryConfig: FAST_RETRIES,
    });
    router.register("slack", frontEnd.announcer);
    try {
      await frontEnd.start();
    } catch (error) {
      await server.close();
      if (!fake) await api.close();
      await app.close();
      throw error;
    }
    return new MultiWorkspaceBot(api, app, frontEnd, server);
  }

  private get base(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  /** Signs requests to /slack/events as Slack does. */
  get sender(): SlackRequestSender {
    return new SlackRequestSender(`${this.base}${SLACK_EVENTS_PATH}`, SIGNING_SECRET);
  }

  /** Opens a page of the bot in a browser that keeps no cookies but those given. */
  get(path: string, cookie?: string): Promise<PageAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(`${this.base}${path}`, { headers: cookie ? { cookie } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      });
      req.on("error", reject);
      req.end();
    });
  }

  /**
   * A workspace admin installs the app: opens /slack/install, is sent to Slack's consent page, clicks Allow,
   * and comes back to /slack/oauth_redirect in the same browser. Resolves to the page they see at the end.
   */
  async install(target: FakeInstallTarget): Promise<PageAnswer> {
    const start = await this.get(INSTALL_PATH);
    const location = start.headers.location;
    if (start.status !== 302 || typeof location !== "string")
      throw new Error(`/slack/install answered ${start.status} without sending the admin to Slack`);
    const cookie = [start.headers["set-cookie"] ?? []]
      .flat()
      .map((c) => c.split(";")[0])
      .join("; ");
    const back = new URL(this.api.oauth.approve(location, target, `${this.base}${OAUTH_REDIRECT_PATH}`));
    return this.get(`${back.pathname}${back.search}`, cookie);
  }

  /**
   * Types `/srm <text>` in workspace `where` (a team id, or a team of an org served by the org-wide install);
   * resolves to the acknowledgement's status and the reply's response_url id.
   */
  async command(where: Where, person: FakePerson, text: string, channel = "C0GENERAL") {
    const replyId = `command-${uniqueId()}`;
    const ack = await this.sender.slashCommand({
      person,
      text,
      ...(typeof where === "string" ? { team: where } : where),
      channel,
      responseUrl: this.api.responseUrl(replyId),
    });
    return { ack, replyId };
  }

  /** Types `/srm <text>` in workspace `team` and waits for the reply (in the acknowledgement or at the response_url). */
  async ask(
    team: Where,
    person: FakePerson,
    text: string,
    channel?: string,
  ): Promise<Record<string, unknown>> {
    const { ack, replyId } = await this.command(team, person, text, channel);
    if (ack.status !== 200) throw new Error(`the bot answered ${ack.status} to /srm ${text}`);
    if (ack.body !== "") return JSON.parse(ack.body);
    return eventually(`a reply at response_url ${replyId}`, () => this.api.responsesTo(replyId)[0]);
  }

  /** Stops the bot, then the fake (unless `keepFake`), then closes the database. */
  async close(keepFake = false): Promise<void> {
    await this.frontEnd.stop();
    await this.server.close();
    if (!keepFake) await this.api.close();
    await this.app.close();
  }
}
