import { ConfigError, type PlatformCallConfig, url } from "./config.js";

/**
 * Slack settings. One workspace with SLACK_BOT_TOKEN (Socket Mode when an app token is set, else HTTP mode with
 * the signing secret), or many workspaces with SLACK_CLIENT_ID and friends instead (`oauth`, HTTP mode).
 */
export interface SlackConfig {
  /** The one workspace's bot token (SLACK_BOT_TOKEN); null when workspaces install the app themselves (`oauth`). */
  readonly botToken: string | null;
  readonly mode: "socket" | "http";
  readonly appToken: string | null;
  readonly signingSecret: string | null;
  /** Web API base URL (SLACK_API_URL), ending in "/"; null for Slack's own. The OAuth exchange goes there too. */
  readonly apiUrl: string | null;
  /** Deadline and retries of each Web API call. */
  readonly calls: PlatformCallConfig;
  /** "Add to Slack" for many workspaces; null in the single-workspace token mode. */
  readonly oauth: SlackOAuthConfig | null;
}

/** The OAuth v2 install flow's settings (Basic Information > App Credentials), and the key that seals tokens. */
export interface SlackOAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the install flow's state parameter (SLACK_STATE_SECRET), so a redirect not started here is refused. */
  readonly stateSecret: string;
  /** SRM_SECRET_KEY: the bot tokens at rest are sealed under a key derived from it. */
  readonly secretKey: string;
  /** The public URL of /slack/oauth_redirect (SLACK_REDIRECT_URI); null lets Slack use the app's one redirect URL. */
  readonly redirectUri: string | null;
}

/** Where the install flow's redirect lands. */
export const OAUTH_REDIRECT_PATH = "/slack/oauth_redirect";
/** The shortest SRM_SECRET_KEY accepted. */
export const SECRET_KEY_MIN = 32;
const CREDENTIALS = "Copy it from your Slack app's Basic Information > App Credentials.";
const SECRET_KEY_FIX = `Set it to a random string of at least ${SECRET_KEY_MIN} characters (e.g. the output of \`openssl rand -base64 48\`), and keep it: tokens saved under one key cannot be read under another.`;

/** Reads SLACK_*: the token mode, the OAuth mode, or null when Slack is not configured. */
export function slackConfig(
  get: (name: string) => string | undefined,
  calls: PlatformCallConfig,
): SlackConfig | null {
  const botToken = get("SLACK_BOT_TOKEN");
  const appToken = get("SLACK_APP_TOKEN") ?? null;
  const signingSecret = get("SLACK_SIGNING_SECRET") ?? null;
  const oauthSet = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"].filter(
    (n) => get(n) !== undefined,
  );
  const raw = url("SLACK_API_URL", get("SLACK_API_URL"), "https://slack.com/api/");
  const apiUrl = raw === null ? null : raw.endsWith("/") ? raw : `${raw}/`;
  if (oauthSet.length > 0) {
    if (botToken)
      throw new ConfigError(
        "SLACK_BOT_TOKEN",
        `is set together with ${oauthSet.join(", ")}: one bot token serves one workspace, the client settings let many workspaces install the app`,
        "Unset SLACK_BOT_TOKEN to let workspaces install the app through /slack/install, or unset the SLACK_CLIENT_* and SLACK_STATE_SECRET settings to serve one workspace.",
      );
    const oauth = oauthConfig(get);
    return {
      botToken: null,
      mode: "http",
      appToken: null,
      signingSecret: oauthSigningSecret(signingSecret, appToken),
      apiUrl,
      calls,
      oauth,
    };
  }
  if (!botToken) {
    if (appToken || signingSecret)
      throw new ConfigError(
        "SLACK_BOT_TOKEN",
        "is not set, but other Slack settings are",
        "Copy the Bot User OAuth Token (xoxb-...) from your Slack app's OAuth & Permissions page (or, to let many workspaces install the app, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET instead).",
      );
    return null;
  }
  if (!botToken.startsWith("xoxb-"))
    throw new ConfigError(
      "SLACK_BOT_TOKEN",
      "does not look like a bot token (it should start with xoxb-)",
      "Copy the Bot User OAuth Token from your Slack app's OAuth & Permissions page.",
    );
  if (appToken && !appToken.startsWith("xapp-"))
    throw new ConfigError(
      "SLACK_APP_TOKEN",
      "does not look like an app-level token (it should start with xapp-)",
      "Create one with the connections:write scope under Basic Information > App-Level Tokens, or unset it to use HTTP mode.",
    );
  if (!appToken && !signingSecret)
    throw new ConfigError(
      "SLACK_SIGNING_SECRET",
      "is not set, and neither is SLACK_APP_TOKEN",
      "Set SLACK_APP_TOKEN (xapp-...) for Socket Mode, or SLACK_SIGNING_SECRET (Basic Information > Signing Secret) for HTTP mode.",
    );
  return {
    botToken,
    mode: appToken ? "socket" : "http",
    appToken,
    signingSecret,
    apiUrl,
    calls,
    oauth: null,
  };
}

/** Many workspaces are served over HTTP: Slack signs each request, and the install flow needs a public address anyway. */
function oauthSigningSecret(signingSecret: string | null, appToken: string | null): string {
  if (appToken)
    throw new ConfigError(
      "SLACK_APP_TOKEN",
      "is set, but workspaces installing the app (SLACK_CLIENT_ID) are served in HTTP mode",
      "Unset SLACK_APP_TOKEN, turn Socket Mode off in the app's settings, and set SLACK_SIGNING_SECRET.",
    );
  if (!signingSecret)
    throw new ConfigError(
      "SLACK_SIGNING_SECRET",
      "is not set, but SLACK_CLIENT_ID is: every request from Slack must be verified",
      "Copy Basic Information > App Credentials > Signing Secret into SLACK_SIGNING_SECRET.",
    );
  return signingSecret;
}

function oauthConfig(get: (name: string) => string | undefined): SlackOAuthConfig {
  const clientId = get("SLACK_CLIENT_ID");
  if (!clientId)
    throw new ConfigError(
      "SLACK_CLIENT_ID",
      "is not set, but other SLACK_CLIENT_* settings are",
      CREDENTIALS,
    );
  if (!/^\d+\.\d+$/.test(clientId))
    throw new ConfigError(
      "SLACK_CLIENT_ID",
      "does not look like a Slack client id (digits, a dot, digits)",
      CREDENTIALS,
    );
  const clientSecret = get("SLACK_CLIENT_SECRET");
  if (!clientSecret)
    throw new ConfigError("SLACK_CLIENT_SECRET", "is not set, but SLACK_CLIENT_ID is", CREDENTIALS);
  const stateSecret = get("SLACK_STATE_SECRET");
  if (!stateSecret || stateSecret.length < 16)
    throw new ConfigError(
      "SLACK_STATE_SECRET",
      stateSecret ? "is shorter than 16 characters" : "is not set, but SLACK_CLIENT_ID is",
      "Set it to a random string of your own of at least 16 characters (e.g. the output of `openssl rand -hex 24`): it signs each install's state, so a redirect not started at /slack/install is refused.",
    );
  const secretKey = get("SRM_SECRET_KEY");
  if (!secretKey)
    throw new ConfigError(
      "SRM_SECRET_KEY",
      "is not set, but SLACK_CLIENT_ID is: installed workspaces' bot tokens are saved encrypted under it",
      SECRET_KEY_FIX,
    );
  if (secretKey.length < SECRET_KEY_MIN)
    throw new ConfigError(
      "SRM_SECRET_KEY",
      `is ${secretKey.length} characters long, shorter than ${SECRET_KEY_MIN}`,
      SECRET_KEY_FIX,
    );
  if (secretKey === stateSecret || secretKey === clientSecret)
    throw new ConfigError(
      "SRM_SECRET_KEY",
      "is the same as SLACK_STATE_SECRET or SLACK_CLIENT_SECRET",
      "Give it a value of its own: it alone can open the stored tokens.",
    );
  const redirectUri = url(
    "SLACK_REDIRECT_URI",
    get("SLACK_REDIRECT_URI"),
    `https://bot.example.com${OAUTH_REDIRECT_PATH}`,
  );
  if (redirectUri !== null && new URL(redirectUri).pathname !== OAUTH_REDIRECT_PATH)
    throw new ConfigError(
      "SLACK_REDIRECT_URI",
      `"${redirectUri}" does not end in ${OAUTH_REDIRECT_PATH}, where srm-bot finishes an install`,
      `Use e.g. SLACK_REDIRECT_URI=https://<host>${OAUTH_REDIRECT_PATH} (and the same URL under OAuth & Permissions > Redirect URLs), or leave it unset.`,
    );
  return { clientId, clientSecret, stateSecret, secretKey, redirectUri };
}
