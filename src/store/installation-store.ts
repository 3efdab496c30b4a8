import type {
  InstallationQuery,
  InstallationSummary,
  WorkspaceInstallation,
} from "../domain/installation.js";
import type { InstallationStore } from "../ports/installation-store.js";
import type { Db } from "./database.js";
import {
  candidates,
  fromRow,
  INSERT_COLUMNS,
  type InstallationRow,
  rowValues,
  SUMMARY_COLUMNS,
  summaryFromRow,
} from "./installation-rows.js";
import type { Sync } from "./sqlite-gate.js";
import type { TokenCipher } from "./token-cipher.js";

/** Slack installations in SQLite, bot tokens sealed by `cipher`. */
export class SqliteInstallationStore implements Sync<InstallationStore> {
  private readonly q;

  constructor(
    db: Db,
    private readonly cipher: TokenCipher,
  ) {
    this.q = {
      save: db.prepare(
        `INSERT OR REPLACE INTO slack_installations (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      byTeam: db.prepare("SELECT * FROM slack_installations WHERE team_id = ? AND team_id <> '' LIMIT 1"),
      byKey: db.prepare("SELECT * FROM slack_installations WHERE enterprise_id = ? AND team_id = ?"),
      removeTeam: db.prepare("DELETE FROM slack_installations WHERE team_id = ? AND team_id <> ''"),
      removeOrg: db.prepare("DELETE FROM slack_installations WHERE enterprise_id = ? AND team_id = ''"),
      forgetOrg: db.prepare("DELETE FROM slack_org_workspaces WHERE enterprise_id = ?"),
      orgOf: db.prepare("SELECT enterprise_id FROM slack_org_workspaces WHERE team_id = ?").pluck(),
      note: db.prepare(
        "INSERT INTO slack_org_workspaces (team_id, enterprise_id) VALUES (?, ?) ON CONFLICT (team_id) DO UPDATE SET enterprise_id = excluded.enterprise_id",
      ),
      list: db.prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM slack_installations ORDER BY installed_at, enterprise_id, team_id`,
      ),
    };
  }

  /** Saves an installation, replacing the earlier one of the same workspace or org (a reinstall). */
  save(installation: WorkspaceInstallation): void {
    this.q.save.run(...rowValues(installation, this.cipher));
  }

  /** The installation that serves a request: the workspace's own, else its org's; null when there is none. */
  find(query: InstallationQuery): WorkspaceInstallation | null {
    for (const c of candidates(query)) {
      const row = (
        c.enterprise === null ? this.q.byTeam.get(c.team) : this.q.byKey.get(c.enterprise, c.team)
      ) as InstallationRow | undefined;
      if (row) return fromRow(row, this.cipher);
    }
    const noted =
      query.isEnterpriseInstall || !query.teamId
        ? undefined
        : (this.q.orgOf.get(query.teamId) as string | undefined);
    const org =
      noted && noted !== query.enterpriseId
        ? (this.q.byKey.get(noted, "") as InstallationRow | undefined)
        : undefined;
    return org ? fromRow(org, this.cipher) : null;
  }

  /** Remembers that workspace `teamId` is served by the org-wide install of `enterpriseId` (found by team from then on). */
  noteOrgWorkspace(teamId: string, enterpriseId: string): void {
    this.q.note.run(teamId, enterpriseId);
  }

  /** Removes a workspace's (or, for an org-wide query, the org's) installation and its token; whether one was there. */
  remove(query: InstallationQuery): boolean {
    if (query.isEnterpriseInstall || !query.teamId)
      return query.enterpriseId ? this.removeOrg(query.enterpriseId) : false;
    return this.q.removeTeam.run(query.teamId).changes > 0;
  }

  private removeOrg(enterpriseId: string): boolean {
    this.q.forgetOrg.run(enterpriseId);
    return this.q.removeOrg.run(enterpriseId).changes > 0;
  }

  /** Every installation, oldest first, without tokens. */
  list(): InstallationSummary[] {
    return (this.q.list.all() as InstallationRow[]).map(summaryFromRow);
  }
}
