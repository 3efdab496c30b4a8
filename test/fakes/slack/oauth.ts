import { randomBytes } from "node:crypto";

/** A workspace the fake lets an admin install the app into. */
export interface FakeInstallTarget {
  readonly team: string;
  readonly teamName: string;
  /** Who clicks "Allow". */
  readonly installer: string;
  /** For an org-wide install of an Enterprise Grid org: its id (then `team` is ignored). */
  readonly enterprise?: string;
}

/** A bot token the fake handed out, and whom it belongs to. */
export interface FakeBotToken {
  readonly team: string;
  readonly enterprise: string | null;
  readonly botUserId: string;
  readonly botId: string;
}

/**
 * Slack's side of OAuth v2: the consent page (`approve`, which an admin's browser would show), and
 * oauth.v2.access, which trades the one-time code for the workspace's bot token. Tokens it issues are
 * answered by the Web API fake as belonging to their workspace, until revoked.
 */
export class FakeSlackOAuth {
  /** The app's credentials; oauth.v2.access refuses any other. */
  client = { id: "1111111111.2222222222", secret: "fake-client-secret-0123456789" };
  readonly tokens = new Map<string, FakeBotToken>();
  /** Tokens taken away since: Slack answers token_revoked to them. */
  readonly revoked = new Set<string>();
  private readonly codes = new Map<
    string,
    { target: FakeInstallTarget; scopes: string; redirectUri: string | null }
  >();

  /**
   * The admin approves the install Slack's authorize page shows for `authorizeUrl` (where /slack/install sent
   * them): the redirect back to the bot, with a one-time code and the state the bot gave.
   */
  approve(authorizeUrl: string, target: FakeInstallTarget, redirectTo: string): string {
    const asked = new URL(authorizeUrl);
    if (asked.searchParams.get("client_id") !== this.client.id)
      throw new Error(`the authorize URL names client ${asked.searchParams.get("client_id")}`);
    const state = asked.searchParams.get("state");
    if (!state) throw new Error("the authorize URL carries no state");
    const code = `code-${randomBytes(6).toString("hex")}`;
    this.codes.set(code, {
      target,
      scopes: asked.searchParams.get("scope") ?? "",
      redirectUri: asked.searchParams.get("redirect_uri"),
    });
    const back = new URL(redirectTo);
    back.searchParams.set("code", code);
    back.searchParams.set("state", state);
    return back.toString();
  }

  /** The bot token a workspace (or an org) was given last; undefined before any install. */
  tokenOf(owner: string): string | undefined {
    return [...this.tokens].filter(([, t]) => (t.enterprise ?? t.team) === owner).at(-1)?.[0];
  }

  /** Takes a token away (the workspace uninstalled the app): every call with it is refused from now on. */
  revoke(token: string): void {
    if (this.tokens.delete(token)) this.revoked.add(token);
  }

  /** oauth.v2.access: a known, unused code and the app's credentials give the workspace's bot token. */
  exchange(args: Record<string, unknown>): Record<string, unknown> {
    if (args.client_id !== this.client.id || args.client_secret !== this.client.secret)
      return { ok: false, error: "invalid_client_id" };
    const grant = this.codes.get(String(args.code ?? ""));
    if (!grant) return { ok: false, error: "invalid_code" };
    this.codes.delete(String(args.code));
    const { target } = grant;
    const org = target.enterprise ?? null;
    const owner = org ?? target.team;
    const token = `xoxb-${owner}-${randomBytes(8).toString("hex")}`;
    const bot = {
      team: org ? "" : target.team,
      enterprise: org,
      botUserId: `U${owner}BOT`,
      botId: `B${owner}`,
    };
    this.tokens.set(token, bot);
    return {
      ok: true,
      app_id: "A0SRM",
      authed_user: { id: target.installer },
      scope: grant.scopes,
      token_type: "bot",
      access_token: token,
      bot_user_id: bot.botUserId,
      team: org ? null : { id: target.team, name: target.teamName },
      enterprise: org ? { id: org, name: target.teamName } : null,
      is_enterprise_install: org !== null,
    };
  }
}
