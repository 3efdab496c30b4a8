import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, type Receiver, SocketModeReceiver, webApi } from "@slack/bolt";
import type { PlatformCallConfig, SlackConfig } from "../../src/config.js";
import type { Engine } from "../../src/engine.js";
import type { FrontEnd, Logger } from "../../src/ports.js";
import { SlackAnnouncer } from "./announcer.js";
import { boltLogger } from "./bolt-logger.js";
import { registerSlackHandlers } from "./handlers.js";
import { SlackPeople } from "./people.js";
import { checkSlackBody } from "./request-body.js";

/** The path Slack posts commands, clicks and events to in HTTP mode. */
export const SLACK_EVENTS_PATH = "/slack/events";

/** What the Slack front end is built from. */
export interface SlackFrontEndOptions {
  readonly engine: Engine;
  readonly config: SlackConfig;
  readonly admins: ReadonlySet<string>;
  readonly logger: Logger;
  /** HTTP mode listens here (0 = an ephemeral port, for tests). */
  readonly port: number;
  /** Extra Bolt/WebClient retry settings for tests (fail fast). */
  readonly retryConfig?: webApi.RetryOptions;
  /** Extra GET routes served by the HTTP receiver (health and metrics share Slack's port). */
  readonly routes?: readonly SlackRoute[];
}

/** A GET route served beside /slack/events in HTTP mode. */
export interface SlackRoute {
  readonly path: string;
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** The Slack front end, and the port its HTTP receiver listens on (null in Socket Mode or before start). */
export type SlackFrontEnd = FrontEnd & { readonly httpPort: () => number | null };

/**
 * Builds srm-bot's Slack front end on Bolt: Socket Mode with the app token, or HTTP mode with request
 * signatures verified, both running the same listeners. Nothing connects until `start()`.
 */
export function createSlackFrontEnd(o: SlackFrontEndOptions): SlackFrontEnd {
  const logger = boltLogger(o.logger);
  // Every client Bolt makes (the app's, each request's, and Socket Mode's) is built from these options.
  // Each call has a deadline and a bounded retry: the WebClient's default retries for about 30 minutes,
  // while every other channel's post and every click waiting behind it would wait too.
  const clientOptions = (): webApi.WebClientOptions => ({
    ...(o.config.apiUrl ? { slackApiUrl: o.config.apiUrl } : {}),
    timeout: o.config.calls.timeoutMs,
    retryConfig: o.retryConfig ?? boundedRetries(o.config.calls),
  });
  const app = new App({
    token: o.config.botToken,
    receiver: receiverFor(o, logger, clientOptions()),
    logger,
    clientOptions: clientOptions(),
    // auth.test runs in start(), where a bad token fails start() with Slack's error instead of a stray rejection.
    deferInitialization: true,
    // srm-bot keeps no conversation state in Bolt.
    convoStore: false,
  });
  const inFlight = new Set<Promise<void>>();
  registerSlackHandlers(app, {
    engine: o.engine,
    people: new SlackPeople(
      new webApi.WebClient(o.config.botToken, { ...clientOptions(), logger }),
      o.logger,
    ),
    admins: o.admins,
    logger: o.logger,
    track: (work) => {
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    },
  });
  app.error(async (error) => {
    // srm-bot's listeners catch their own failures; what reaches here failed inside Bolt (authorization, say).
    o.logger.error("slack: a request failed before reaching srm-bot", {
      code: error.code,
      error: String(error),
    });
  });

  let port: number | null = null;
  let running = false;
  return {
    platform: "slack",
    announcer: new SlackAnnouncer(app.client),
    httpPort: () => port,
    ready: () => running,
    async start() {
      await explained(app.init(), "auth.test", "SLACK_BOT_TOKEN", o.config);
      if (o.config.mode === "socket")
        await explained(app.start(), "apps.connections.open", "SLACK_APP_TOKEN", o.config);
      else {
        const server = (await app.start(o.port)) as { address(): AddressInfo | string | null };
        const address = server.address();
        port = typeof address === "object" && address !== null ? address.port : o.port;
      }
      running = true;
      o.logger.info("slack front end started", { mode: o.config.mode, ...(port !== null ? { port } : {}) });
    },
    async stop() {
      if (!running) return;
      running = false;
      await app.stop();
      port = null;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * Waits for a start-up call to Slack; when Slack refuses it, the error names the setting to check, the
 * way a wrong setting is reported at start everywhere else in srm-bot.
 */
async function explained<T>(
  step: Promise<T>,
  call: string,
  setting: string,
  config: SlackConfig,
): Promise<T> {
  try {
    return await step;
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    const where = config.apiUrl ? ` (SLACK_API_URL is ${config.apiUrl})` : "";
    throw new Error(
      `Slack front end could not start: ${call} failed with ${typeof code === "string" ? code : String(error)}. Check ${setting}${where}.`,
      { cause: error },
    );
  }
}

function receiverFor(
  o: SlackFrontEndOptions,
  logger: ReturnType<typeof boltLogger>,
  clientOptions: webApi.WebClientOptions,
): Receiver {
  if (o.config.mode === "socket") {
    if (!o.config.appToken) throw new Error("Socket Mode needs SLACK_APP_TOKEN (xapp-...)");
    // The receiver gets its own copy of the client options: its Socket Mode client writes its reconnect
    // retry policy into the object it is given, which must not leak into the app's clients.
    return new SocketModeReceiver({
      appToken: o.config.appToken,
      logger,
      installerOptions: { clientOptions },
    });
  }
  if (!o.config.signingSecret) throw new Error("HTTP mode needs SLACK_SIGNING_SECRET");
  const receiver = new HTTPReceiver({
    signingSecret: o.config.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    port: o.port,
    customRoutes: (o.routes ?? []).map((r) => ({
      path: r.path,
      method: ["GET", "HEAD"],
      handler: r.handler,
    })),
    logger,
  });
  // Bolt refuses timestamps more than five minutes old; Slack's rule is five minutes either way, so a
  // request claiming to come from the future is refused here before Bolt reads it.
  const verified = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const ts = Number(req.headers["x-slack-request-timestamp"]);
    if (Number.isFinite(ts) && ts * 1000 - Date.now() > MAX_CLOCK_SKEW_MS) {
      res.writeHead(401).end();
      return;
    }
    if (req.method !== "POST") {
      verified(req, res);
      return;
    }
    checkSlackBody(req).then(
      (body) => {
        if (body.ok) verified(Object.assign(req, { rawBody: body.rawBody }), res);
        else {
          o.logger.warn("slack: refused a request", { status: body.status, reason: body.reason });
          res.writeHead(body.status).end();
        }
      },
      (error: unknown) => {
        o.logger.warn("slack: a request's body could not be read", { error: String(error) });
        if (!res.headersSent) res.writeHead(400).end();
      },
    );
  };
  return receiver;
}

/** A few retries with exponential backoff, all within the configured window. */
export function boundedRetries(calls: PlatformCallConfig): webApi.RetryOptions {
  return {
    retries: calls.retries,
    factor: 2,
    minTimeout: 1_000,
    maxTimeout: Math.max(1_000, calls.retryWindowMs / 4),
    maxRetryTime: calls.retryWindowMs,
    randomize: true,
  };
}

/** How far a request's timestamp may run ahead of ours, as Slack allows. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
