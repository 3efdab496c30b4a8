import type {
  App,
  InstallationStore as BoltInstallationStore,
  Installation,
  InstallationQuery,
} from "@slack/bolt";
import type { WorkspaceInstallation } from "../../src/domain/installation.js";
import type { InstallationStore } from "../../src/ports/installation-store.js";
import type { Logger } from "../../src/ports.js";
import type { OrgMembership } from "./clients.js";

/** The bot scopes an install asks for: what the front end's Web API calls need (manifest.yml names the same). */
export const SLACK_BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "users:read",
  "channels:history",
  "groups:history",
  "files:write",
] as const;

/** A workspace sent a request (or the bot was to post there) but has no installation: never installed, or removed. */
export class WorkspaceNotInstalled extends Error {
  readonly code = "SLACK_WORKSPACE_NOT_INSTALLED";
  constructor(readonly teamId: string) {
    super(
      `Slack workspace ${teamId} has not installed srm-bot (or uninstalled it): it has no token to answer with`,
    );
    this.name = "WorkspaceNotInstalled";
  }
}

/**
 * Bolt's installer and authorize, on our installation store: an install is saved (its token sealed) by the
 * store, and each request is answered with the token of the workspace (or org) it came from.
 */
export function boltInstallationStore(
  store: InstallationStore,
  now: () => Date,
  orgs: OrgMembership,
): BoltInstallationStore {
  return {
    async storeInstallation(installation: Installation): Promise<void> {
      await store.save(fromBolt(installation, now()));
    },
    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
      const found = await store.find(ourQuery(query));
      if (!found) throw new WorkspaceNotInstalled(query.teamId ?? query.enterpriseId ?? "(none)");
      // A workspace served by its org's install is noted once per process, so posts find the org's token later.
      const org = found.isEnterpriseInstall ? found.enterpriseId : null;
      if (org && query.teamId && orgs.orgOf(query.teamId) !== org) {
        await store.noteOrgWorkspace(query.teamId, org);
        orgs.learn(query.teamId, org);
      }
      return toBolt(found);
    },
    async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
      await store.remove(ourQuery(query));
    },
  };
}

/**
 * `app_uninstalled` and `tokens_revoked` (of the bot's token) remove that workspace's installation at once, so
 * its token is never used again and its next request is refused; its study data is left to `srm workspace purge`.
 */
export function removeOnUninstall(app: App, store: InstallationStore, logger: Logger): void {
  const remove = async (
    context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean },
    why: string,
  ): Promise<void> => {
    const query = {
      teamId: context.teamId ?? null,
      enterpriseId: context.enterpriseId ?? null,
      isEnterpriseInstall: context.isEnterpriseInstall === true,
    };
    const removed = await store.remove(query);
    logger.info("slack: a workspace's installation and token were removed", {
      why,
      team: query.teamId,
      enterprise: query.enterpriseId,
      removed,
    });
  };
  app.event("app_uninstalled", async ({ context }) => remove(context, "app_uninstalled"));
  app.event("tokens_revoked", async ({ event, context }) => {
    // Only the bot's token is kept: a person revoking their own user token leaves the workspace installed.
    if ((event.tokens.bot ?? []).length > 0) await remove(context, "tokens_revoked");
  });
}

function ourQuery(q: InstallationQuery<boolean>): {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
} {
  return {
    teamId: q.teamId ?? null,
    enterpriseId: q.enterpriseId ?? null,
    isEnterpriseInstall: q.isEnterpriseInstall,
  };
}

function fromBolt(i: Installation, at: Date): WorkspaceInstallation {
  if (!i.bot) throw new Error("Slack's install answer carries no bot token: the app must ask for bot scopes");
  const isEnterpriseInstall = i.isEnterpriseInstall === true;
  return {
    enterpriseId: i.enterprise?.id ?? null,
    enterpriseName: i.enterprise?.name ?? null,
    teamId: isEnterpriseInstall ? null : (i.team?.id ?? null),
    teamName: isEnterpriseInstall ? null : (i.team?.name ?? null),
    isEnterpriseInstall,
    appId: i.appId ?? null,
    botToken: i.bot.token,
    botId: i.bot.id,
    botUserId: i.bot.userId,
    botScopes: i.bot.scopes,
    installerUserId: i.user.id,
    installedAt: at,
  };
}

function toBolt(i: WorkspaceInstallation): Installation {
  return {
    team: i.teamId ? { id: i.teamId, ...(i.teamName ? { name: i.teamName } : {}) } : undefined,
    enterprise: i.enterpriseId
      ? { id: i.enterpriseId, ...(i.enterpriseName ? { name: i.enterpriseName } : {}) }
      : undefined,
    user: { token: undefined, scopes: undefined, id: i.installerUserId ?? "" },
    bot: { token: i.botToken, scopes: [...i.botScopes], id: i.botId ?? "", userId: i.botUserId },
    ...(i.appId ? { appId: i.appId } : {}),
    tokenType: "bot",
    isEnterpriseInstall: i.isEnterpriseInstall,
    authVersion: "v2",
  };
}
