import { App, HTTPReceiver, type Receiver, SocketModeReceiver, webApi } from "@slack/bolt";
import { type PlatformCallConfig, type SlackConfig, withoutCredentials } from "../../src/config.js";
import type { Engine } from "../../src/engine.js";
import type { InstallationStore } from "../../src/ports/installation-store.js";
import type { DeliveryLog, FrontEnd, Logger } from "../../src/ports.js";
import { PlatformUnreachable } from "../../src/start-up.js";
import type { BotHttpServer } from "../http/server.js";
import { InFlight } from "../shared/in-flight.js";
import { SlackAnnouncer } from "./announcer.js";
import { boltLogger } from "./bolt-logger.js";
import { InstalledWorkspaces, OrgMembership, oneWorkspace, type SlackClients } from "./clients.js";
import { registerSlackHandlers } from "./handlers.js";
import { slackEndpoint } from "./http-endpoint.js";
import { installEndpoints, installReceiverOptions, startInstalled } from "./install-flow.js";
import { removeOnUninstall } from "./installations.js";
import { SlackPeople } from "./people.js";
import { SlackPictures } from "./pictures.js";

/** The path Slack posts commands, clicks and events to in HTTP mode. */
export const SLACK_EVENTS_PATH = "/slack/events";

/** What the Slack front end is built from. */
export interface SlackFrontEndOptions {
  readonly engine: Engine;
  readonly config: SlackConfig;
  readonly admins: ReadonlySet<string>;
  readonly logger: Logger;
  /** Extra Bolt/WebClient retry settings for tests (fail fast). */
  readonly retryConfig?: webApi.RetryOptions;
  /** The bot's one HTTP server (health, metrics): HTTP mode serves /slack/events on it too. */
  readonly server: BotHttpServer;
  /** Where deliveries already handled are remembered, across restarts and processes. */
  readonly deliveries: DeliveryLog;
  /** The workspaces that installed the app: needed when `config.oauth` is set (many workspaces). */
  readonly installations?: InstallationStore;
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
  const installed = o.config.oauth ? requireStore(o.installations) : null;
  const orgs = new OrgMembership();
  const receiver = receiverFor(o, logger, clientOptions(), orgs);
  const app = new App({
    ...(o.config.botToken ? { token: o.config.botToken } : {}),
    receiver,
    logger,
    clientOptions: clientOptions(),
    // auth.test runs in start(), where a bad token fails start() with Slack's error instead of a stray rejection.
    deferInitialization: true,
    // srm-bot keeps no conversation state in Bolt.
    convoStore: false,
  });
  const inFlight = new InFlight();
  // People get clients of their own (see SlackPeople); every client carries its workspace's token.
  const clients = (own: () => webApi.WebClient): SlackClients =>
    installed
      ? new InstalledWorkspaces(installed, { ...clientOptions(), logger }, orgs)
      : oneWorkspace(own());
  if (installed) removeOnUninstall(app, installed, o.logger);
  registerSlackHandlers(app, {
    engine: o.engine,
    people: new SlackPeople(
      clients(() => new webApi.WebClient(o.config.botToken ?? undefined, { ...clientOptions(), logger })),
      o.logger,
    ),
    admins: o.admins,
    logger: o.logger,
    deliveries: o.deliveries,
    track: (work) => inFlight.track(work),
  });
  app.error(async (error) => {
    // srm-bot's listeners catch their own failures; what reaches here failed inside Bolt (authorization, say).
    o.logger.error("slack: a request failed before reaching srm-bot", {
      code: error.code,
      error,
    });
  });

  let running = false;
  let cancelled = false;
  // Until Slack is connected, its endpoint on a shared server answers 503 rather than 404.
  if (o.config.mode === "http") o.server.mount(SLACK_EVENTS_PATH, null);
  if (installed) installEndpoints(o.server, null, o.logger);
  return {
    platform: "slack",
    announcer: new SlackAnnouncer(
      clients(() => app.client),
      new SlackPictures(o.logger),
    ),
    httpPort: () => (running && receiver instanceof HTTPReceiver ? o.server.port : null),
    ready: () => running,
    async start() {
      cancelled = false;
      if (installed) await startInstalled(app, installed);
      else {
        await reachable(o, logger);
        await explained(app.init(), "auth.test", "SLACK_BOT_TOKEN", o.config);
      }
      // A stop while the attempt was under way (start-up gave up on it) leaves nothing started.
      if (cancelled) return;
      if (receiver instanceof HTTPReceiver) {
        o.server.mount(SLACK_EVENTS_PATH, slackEndpoint(receiver.requestListener, o.logger));
        if (installed) installEndpoints(o.server, receiver.requestListener, o.logger);
      } else {
        await explained(app.start(), "apps.connections.open", "SLACK_APP_TOKEN", o.config);
        if (cancelled) {
          await app.stop();
          return;
        }
      }
      running = true;
      o.logger.info("slack front end started", {
        mode: o.config.mode,
        ...(receiver instanceof HTTPReceiver ? { port: o.server.port } : {}),
      });
    },
    async stop() {
      cancelled = true;
      if (!running) return;
      running = false;
      // The server is the bot's, serving health on: only Slack's endpoint is taken back (503 until a start).
      if (receiver instanceof HTTPReceiver) {
        o.server.mount(SLACK_EVENTS_PATH, null);
        if (installed) installEndpoints(o.server, null, o.logger);
      } else await app.stop();
      await inFlight.settled();
    },
  };
}

/** How long one try to reach Slack at start may take. */
const PROBE_TIMEOUT_MS = 10_000;

/**
 * One auth.test with no retries, before Bolt's own (which retries for half an hour): a Slack that cannot
 * be reached (no connection, a 5xx, a rate limit) is reported as PlatformUnreachable at once, so that
 * start-up can try again on its own schedule and say so on /readyz; a refused token fails as before.
 */
async function reachable(o: SlackFrontEndOptions, logger: ReturnType<typeof boltLogger>): Promise<void> {
  const probe = new webApi.WebClient(o.config.botToken ?? undefined, {
    ...(o.config.apiUrl ? { slackApiUrl: o.config.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: PROBE_TIMEOUT_MS,
    logger,
  });
  try {
    await probe.auth.test();
  } catch (error) {
    if ((error as { code?: unknown }).code === webApi.ErrorCode.PlatformError)
      await explained(Promise.reject(error), "auth.test", "SLACK_BOT_TOKEN", o.config);
    throw new PlatformUnreachable(`Slack did not answer auth.test: ${String((error as Error).message)}`, {
      cause: error,
    });
  }
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
    const where = config.apiUrl ? ` (SLACK_API_URL is ${withoutCredentials(config.apiUrl)})` : "";
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
  orgs: OrgMembership,
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
  // Bolt's receiver verifies signatures and runs the app; srm-bot's own server listens, and hands it only
  // POST /slack/events, after the checks of slackEndpoint. The receiver's own server is never started.
  return new HTTPReceiver({
    signingSecret: o.config.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    logger,
    ...(o.config.oauth
      ? installReceiverOptions(o.config.oauth, requireStore(o.installations), clientOptions, orgs)
      : {}),
  });
}

function requireStore(store: InstallationStore | undefined): InstallationStore {
  if (!store)
    throw new Error("Slack's multi-workspace mode needs the installation store (SLACK_CLIENT_ID is set)");
  return store;
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
