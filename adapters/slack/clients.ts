import { webApi } from "@slack/bolt";
import type { InstallationStore } from "../../src/ports/installation-store.js";
import { WorkspaceNotInstalled } from "./installations.js";

/** The Web API client to call one workspace with, carrying that workspace's own token. */
export interface SlackClients {
  /** The client for workspace `teamId`; WorkspaceNotInstalled when it has no installation. */
  forTeam(teamId: string): Promise<webApi.WebClient>;
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
  ) {}

  async forTeam(teamId: string): Promise<webApi.WebClient> {
    const installation = await this.store.find({ teamId, enterpriseId: null, isEnterpriseInstall: false });
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
