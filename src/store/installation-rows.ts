import type {
  InstallationQuery,
  InstallationSummary,
  WorkspaceInstallation,
} from "../domain/installation.js";
import type { TokenCipher } from "./token-cipher.js";

/** A slack_installations row as both engines read it. */
export interface InstallationRow {
  readonly enterprise_id: string;
  readonly team_id: string;
  readonly enterprise_name: string | null;
  readonly team_name: string | null;
  readonly is_enterprise_install: number;
  readonly app_id: string | null;
  readonly bot_token_sealed: string;
  readonly bot_id: string | null;
  readonly bot_user_id: string;
  readonly bot_scopes: string;
  readonly installer_user_id: string | null;
  readonly installed_at: string;
}

/** The columns of a row, in the order INSERT_COLUMNS names them. */
export const INSERT_COLUMNS =
  "enterprise_id, team_id, enterprise_name, team_name, is_enterprise_install, app_id, bot_token_sealed, bot_id, bot_user_id, bot_scopes, installer_user_id, installed_at";

/** The columns a summary reads (never the sealed token). */
export const SUMMARY_COLUMNS =
  "enterprise_id, team_id, enterprise_name, team_name, is_enterprise_install, bot_user_id, installer_user_id, installed_at";

/** The row's key: '' stands for "none", so the primary key holds for a workspace outside an org and an org install. */
export function keyOf(i: {
  enterpriseId: string | null;
  teamId: string | null;
  isEnterpriseInstall: boolean;
}): [string, string] {
  return [i.enterpriseId ?? "", i.isEnterpriseInstall ? "" : (i.teamId ?? "")];
}

/** What a sealed token is bound to: its row's key. */
function context(enterpriseId: string, teamId: string): string {
  return `slack-installation:${enterpriseId}/${teamId}`;
}

/** The values of INSERT_COLUMNS for `i`, its token sealed. */
export function rowValues(i: WorkspaceInstallation, cipher: TokenCipher): unknown[] {
  const [enterprise, team] = keyOf(i);
  return [
    enterprise,
    team,
    i.enterpriseName,
    i.teamName,
    i.isEnterpriseInstall ? 1 : 0,
    i.appId,
    cipher.seal(i.botToken, context(enterprise, team)),
    i.botId,
    i.botUserId,
    i.botScopes.join(","),
    i.installerUserId,
    i.installedAt.toISOString(),
  ];
}

/** A row as an installation, its token opened (SecretKeyMismatch under another key). */
export function fromRow(r: InstallationRow, cipher: TokenCipher): WorkspaceInstallation {
  const where = r.team_id || `org ${r.enterprise_id}`;
  return {
    ...summaryFromRow(r),
    appId: r.app_id,
    botToken: cipher.open(
      r.bot_token_sealed,
      context(r.enterprise_id, r.team_id),
      `The bot token of Slack ${where}`,
    ),
    botId: r.bot_id,
    botScopes: r.bot_scopes === "" ? [] : r.bot_scopes.split(","),
  };
}

/** A row as a summary. */
export function summaryFromRow(
  r: Pick<
    InstallationRow,
    | "enterprise_id"
    | "team_id"
    | "enterprise_name"
    | "team_name"
    | "is_enterprise_install"
    | "bot_user_id"
    | "installer_user_id"
    | "installed_at"
  >,
): InstallationSummary {
  return {
    enterpriseId: r.enterprise_id || null,
    enterpriseName: r.enterprise_name,
    teamId: r.team_id || null,
    teamName: r.team_name,
    isEnterpriseInstall: r.is_enterprise_install === 1,
    botUserId: r.bot_user_id,
    installerUserId: r.installer_user_id,
    installedAt: new Date(r.installed_at),
  };
}

/** The lookups to try for a query, best first: an org install's own row; else the workspace's, then its org's. */
export function candidates(q: InstallationQuery): { enterprise: string | null; team: string }[] {
  const org = q.enterpriseId ? [{ enterprise: q.enterpriseId, team: "" }] : [];
  if (q.isEnterpriseInstall || !q.teamId) return org;
  return [{ enterprise: null, team: q.teamId }, ...org];
}
