-- Slack workspaces (and Enterprise Grid orgs) that installed the app through "Add to Slack". One row per
-- workspace, or per org for an org-wide install (team_id ''); a workspace outside an org has enterprise_id ''.
-- The bot token is sealed (AES-256-GCM under a key derived from SRM_SECRET_KEY): no row holds it in plain text.
-- Uninstalling the app or revoking its tokens deletes the row at once; study data is kept apart (see README).
CREATE TABLE slack_installations (
  enterprise_id       TEXT NOT NULL DEFAULT '',
  team_id             TEXT NOT NULL DEFAULT '',
  enterprise_name     TEXT,
  team_name           TEXT,
  is_enterprise_install INTEGER NOT NULL DEFAULT 0 CHECK (is_enterprise_install IN (0, 1)),
  app_id              TEXT,
  bot_token_sealed    TEXT NOT NULL,
  bot_id              TEXT,
  bot_user_id         TEXT NOT NULL,
  bot_scopes          TEXT NOT NULL,
  installer_user_id   TEXT,
  installed_at        TEXT NOT NULL,
  PRIMARY KEY (enterprise_id, team_id),
  CHECK (enterprise_id <> '' OR team_id <> '')
);

-- A request names its workspace: found by team whatever org it belongs to.
CREATE INDEX slack_installations_by_team ON slack_installations (team_id);

-- The workspaces an org-wide install has served, learnt from their requests: a channel names only its workspace,
-- so a scheduled post after a restart finds its org's token through this. Removed with the org's installation.
CREATE TABLE slack_org_workspaces (
  team_id       TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL
);
