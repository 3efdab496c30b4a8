import type {
  InstallationQuery,
  InstallationSummary,
  WorkspaceInstallation,
} from "../domain/installation.js";

/**
 * The Slack workspaces (and Enterprise Grid orgs) that installed the app, with their bot tokens sealed at rest.
 * Reading a token sealed under another SRM_SECRET_KEY fails with SecretKeyMismatch.
 */
export interface InstallationStore {
  /** Saves an installation, replacing the earlier one of the same workspace or org (a reinstall). */
  save(installation: WorkspaceInstallation): Promise<void>;
  /**
   * The installation that serves a request: the workspace's own, else its org's (the org named, or the one the
   * workspace was noted in); null when there is none.
   */
  find(query: InstallationQuery): Promise<WorkspaceInstallation | null>;
  /** Removes a workspace's (or, for an org-wide query, the org's) installation and its token; whether one was there. */
  remove(query: InstallationQuery): Promise<boolean>;
  /** Remembers that workspace `teamId` is served by the org-wide install of `enterpriseId` (found by team from then on). */
  noteOrgWorkspace(teamId: string, enterpriseId: string): Promise<void>;
  /** Every installation, oldest first, without tokens. */
  list(): Promise<InstallationSummary[]>;
}
