import type { IncomingMessage, ServerResponse } from "node:http";
import type { App, HTTPReceiverOptions, webApi } from "@slack/bolt";
import { OAUTH_REDIRECT_PATH, type SlackOAuthConfig } from "../../src/config-slack.js";
import type { InstallationStore } from "../../src/ports/installation-store.js";
import type { Logger } from "../../src/ports.js";
import { type BotHttpServer, refuse } from "../http/server.js";
import type { OrgMembership } from "./clients.js";
import { boltInstallationStore, SLACK_BOT_SCOPES } from "./installations.js";

/** Where a workspace admin starts an install ("Add to Slack" links here). */
export const INSTALL_PATH = "/slack/install";
export { OAUTH_REDIRECT_PATH };

type InstallerOptions = NonNullable<HTTPReceiverOptions["installerOptions"]>;
type Callbacks = NonNullable<InstallerOptions["callbackOptions"]>;

/**
 * What Bolt's HTTP receiver needs to run OAuth v2 installs on our installation store: /slack/install sends the
 * admin straight to Slack's consent page (with a signed state in a cookie), and /slack/oauth_redirect exchanges
 * the code with oauth.v2.access through SLACK_API_URL, like every other call.
 */
export function installReceiverOptions(
  oauth: SlackOAuthConfig,
  store: InstallationStore,
  clientOptions: webApi.WebClientOptions,
  orgs: OrgMembership,
  now: () => Date = () => new Date(),
): Partial<HTTPReceiverOptions> {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...SLACK_BOT_SCOPES],
    installationStore: boltInstallationStore(store, now, orgs),
    ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: OAUTH_REDIRECT_PATH,
      directInstall: true,
      clientOptions,
      callbackOptions: { success: installedPage, failure: notInstalledPage },
    },
  };
}

/** Serves the two install pages (GET) on the bot's server; null answers 503 there until Slack is connected. */
export function installEndpoints(
  server: BotHttpServer,
  listener: ((req: IncomingMessage, res: ServerResponse) => void) | null,
  logger: Logger,
): void {
  const handler = listener
    ? (req: IncomingMessage, res: ServerResponse) => {
        try {
          listener(req, res);
        } catch (error) {
          logger.error("slack: an install page failed", { where: "slack", error });
          refuse(res, 500, "internal error");
        }
      }
    : null;
  server.mount(INSTALL_PATH, handler, "GET");
  server.mount(OAUTH_REDIRECT_PATH, handler, "GET");
}

/**
 * Starts Bolt without a token (each request brings its workspace's) and opens one stored token, so a
 * SRM_SECRET_KEY that is not the one the tokens were saved with stops start-up with that said, not each request.
 */
export async function startInstalled(app: App, store: InstallationStore): Promise<void> {
  await app.init();
  const [first] = await store.list();
  if (first) await store.find(first);
}

const installedPage: NonNullable<Callbacks["success"]> = (installation, _options, _req, res) => {
  const where = installation.isEnterpriseInstall
    ? `every workspace of ${installation.enterprise?.name ?? "your organisation"}`
    : (installation.team?.name ?? "your workspace");
  page(
    res,
    200,
    "srm-bot is installed",
    `srm-bot is installed in ${escaped(where)}. Type <code>/srm help</code> in any channel to see what it does, ` +
      "and invite <code>@srm-bot</code> to a channel where you want daily questions. You can close this page.",
  );
};

const notInstalledPage: NonNullable<Callbacks["failure"]> = (error, _options, req, res) => {
  // Slack sends the admin back with ?error=access_denied when they click Cancel on its consent page.
  if (new URL(req.url ?? "/", "http://bot").searchParams.get("error") === "access_denied")
    return page(
      res,
      200,
      "srm-bot was not installed",
      `The install was cancelled in Slack, and nothing was saved. To install srm-bot after all, start again from <a href="${INSTALL_PATH}">${INSTALL_PATH}</a>.`,
    );
  // A state that does not match (an old link, another browser) is the admin's to retry; anything else is ours.
  const retry = error.code === "slack_oauth_invalid_state" || error.code === "slack_oauth_missing_state";
  page(
    res,
    retry ? 400 : 500,
    "srm-bot was not installed",
    `The install did not finish (${escaped(error.code)}). Start again from <a href="${INSTALL_PATH}">${INSTALL_PATH}</a>` +
      (retry
        ? ", in the same browser, within ten minutes."
        : "; if it fails again, tell whoever runs this srm-bot."),
  );
};

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><h1>${title}</h1><p>${body}</p></body></html>`,
  );
}

function escaped(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
