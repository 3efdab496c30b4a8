import { webApi } from "@slack/bolt";
import type { InstallationStore } from "../../src/ports/installation-store.js";
import { WorkspaceNotInstalled } from "./installations.js";

/** The Web API client to call one workspace with, carrying that workspace's own token. */
export interface SlackClients {
  /** The client for workspace `teamId`; WorkspaceNotInstalled when it has no installation. */
  forTeam(teamId: string): Promise<webApi.WebClient>;
}

/**
 * Which Enterprise Grid org each workspace served by an org-wide install belongs to, learnt from its requests
 * (Slack names the org in each): a channel names only its workspace, and the org's installation holds the token.
 */
export class OrgMembership {
  private readonly orgs = new Map<string, string>();

  /** Remembers that `teamId` is served by the org-wide install of `enterpriseId`. */
  learn(teamId: string, enterpriseId: string): void {
    this.orgs.set(teamId, enterpriseId);
  }

  /** The org a workspace was last seen in, or null. */
  orgOf(teamId: string): string | null {
    return this.orgs.get(teamId) ?? null;
  }
}

/** One workspace, one token: the same client whichever workspace is named. */
export function oneWorkspace(client: webApi.WebClient): SlackClients {
  return { forTeam: async () => client };
}

/**
 * Many workspaces: each call looks its workspace's installation up, so a token removed on uninstall is never
 * used again; a client is kept per workspace while its token stays the same.
 */
export class InstalledWorkspaces implements SlackClients {
  private readonly clients = new Map<string, { token: string; client: webApi.WebClient }>();

  constructor(
    private readonly store: InstallationStore,
    private readonly options: webApi.WebClientOptions,
    private readonly orgs: OrgMembership,
  ) {}

  async forTeam(teamId: string): Promise<webApi.WebClient> {
    const installation = await this.store.find({
      teamId,
      enterpriseId: this.orgs.orgOf(teamId),
      isEnterpriseInstall: false,
    });
    if (!installation) {
      this.clients.delete(teamId);
      throw new WorkspaceNotInstalled(teamId);
    }
    const kept = this.clients.get(teamId);
    if (kept?.token === installation.botToken) return kept.client;
    const client = new webApi.WebClient(installation.botToken, { ...this.options, teamId });
    this.clients.set(teamId, { token: installation.botToken, client });
    return client;
  }
}
