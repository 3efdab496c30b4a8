/**
 * Which install serves a request: one workspace's own (`teamId`), or, for an Enterprise Grid org-wide install
 * (`isEnterpriseInstall`), the org's (`enterpriseId`), which covers every workspace of the org.
 */
export interface InstallationQuery {
  readonly enterpriseId: string | null;
  readonly teamId: string | null;
  readonly isEnterpriseInstall: boolean;
}

/** One workspace's (or one Enterprise Grid org's) installation of the app: its bot, its token and who installed it. */
export interface WorkspaceInstallation {
  /** The Enterprise Grid org, or null for a workspace outside one. */
  readonly enterpriseId: string | null;
  readonly enterpriseName: string | null;
  /** The workspace, or null for an org-wide install. */
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly isEnterpriseInstall: boolean;
  readonly appId: string | null;
  /** The bot token (xoxb-...): a secret, sealed by the store, never logged. */
  readonly botToken: string;
  readonly botId: string | null;
  readonly botUserId: string;
  readonly botScopes: readonly string[];
  /** The person who installed it. */
  readonly installerUserId: string | null;
  readonly installedAt: Date;
}

/** An installation as listed for an operator: where and when, never the token. */
export type InstallationSummary = Omit<WorkspaceInstallation, "botToken" | "botScopes" | "appId" | "botId">;
