import type {
  InstallationQuery,
  InstallationSummary,
  WorkspaceInstallation,
} from "../../domain/installation.js";
import type { Async } from "../../ports/async.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import {
  candidates,
  fromRow,
  INSERT_COLUMNS,
  type InstallationRow,
  rowValues,
  SUMMARY_COLUMNS,
  summaryFromRow,
} from "../installation-rows.js";
import type { TokenCipher } from "../token-cipher.js";
import type { PgDb } from "./db.js";

const SAVE =
  `INSERT INTO slack_installations (${INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ` +
  "ON CONFLICT (enterprise_id, team_id) DO UPDATE SET enterprise_name = excluded.enterprise_name, " +
  "team_name = excluded.team_name, is_enterprise_install = excluded.is_enterprise_install, app_id = excluded.app_id, " +
  "bot_token_sealed = excluded.bot_token_sealed, bot_id = excluded.bot_id, bot_user_id = excluded.bot_user_id, " +
  "bot_scopes = excluded.bot_scopes, installer_user_id = excluded.installer_user_id, installed_at = excluded.installed_at";

/** Slack installations in PostgreSQL, bot tokens sealed by `cipher`. */
export class PgInstallationStore implements Async<InstallationStore> {
  constructor(
    private readonly db: PgDb,
    private readonly cipher: TokenCipher,
  ) {}

  /** Saves an installation, replacing the earlier one of the same workspace or org (a reinstall). */
  async save(installation: WorkspaceInstallation): Promise<void> {
    await this.db.run(SAVE, rowValues(installation, this.cipher));
  }

  /** The installation that serves a request: the workspace's own, else its org's; null when there is none. */
  async find(query: InstallationQuery): Promise<WorkspaceInstallation | null> {
    for (const c of candidates(query)) {
      const row =
        c.enterprise === null
          ? await this.db.one<InstallationRow>(
              "SELECT * FROM slack_installations WHERE team_id = $1 AND team_id <> '' LIMIT 1",
              [c.team],
            )
          : await this.db.one<InstallationRow>(
              "SELECT * FROM slack_installations WHERE enterprise_id = $1 AND team_id = $2",
              [c.enterprise, c.team],
            );
      if (row) return fromRow(row, this.cipher);
    }
    if (query.isEnterpriseInstall || !query.teamId) return null;
    const org = await this.db.one<InstallationRow>(
      "SELECT i.* FROM slack_org_workspaces w JOIN slack_installations i ON i.enterprise_id = w.enterprise_id AND i.team_id = '' " +
        "WHERE w.team_id = $1 AND w.enterprise_id <> $2",
      [query.teamId, query.enterpriseId ?? ""],
    );
    return org ? fromRow(org, this.cipher) : null;
  }

  /** Remembers that workspace `teamId` is served by the org-wide install of `enterpriseId` (found by team from then on). */
  async noteOrgWorkspace(teamId: string, enterpriseId: string): Promise<void> {
    await this.db.run(
      "INSERT INTO slack_org_workspaces (team_id, enterprise_id) VALUES ($1, $2) " +
        "ON CONFLICT (team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id",
      [teamId, enterpriseId],
    );
  }

  /** Removes a workspace's (or, for an org-wide query, the org's) installation and its token; whether one was there. */
  async remove(query: InstallationQuery): Promise<boolean> {
    if (query.isEnterpriseInstall || !query.teamId)
      return query.enterpriseId ? this.removeOrg(query.enterpriseId) : false;
    return (
      (await this.db.run("DELETE FROM slack_installations WHERE team_id = $1 AND team_id <> ''", [
        query.teamId,
      ])) > 0
    );
  }

  private async removeOrg(enterpriseId: string): Promise<boolean> {
    return this.db.transaction(async () => {
      await this.db.run("DELETE FROM slack_org_workspaces WHERE enterprise_id = $1", [enterpriseId]);
      return (
        (await this.db.run("DELETE FROM slack_installations WHERE enterprise_id = $1 AND team_id = ''", [
          enterpriseId,
        ])) > 0
      );
    });
  }

  /** Every installation, oldest first, without tokens. */
  async list(): Promise<InstallationSummary[]> {
    const rows = await this.db.rows<InstallationRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM slack_installations ORDER BY installed_at, enterprise_id, team_id`,
    );
    return rows.map(summaryFromRow);
  }
}
