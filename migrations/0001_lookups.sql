-- Every ownership lookup a person makes, for stats and the weekly digest.
CREATE TABLE lookups (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  workspace   TEXT NOT NULL,
  channel     TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  query       TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('answer', 'overview', 'clarify', 'unknown')),
  service_id  TEXT,
  area_id     TEXT,
  owner       TEXT CHECK (owner IS NULL OR owner IN ('aws', 'customer', 'shared')),
  asked_at    TEXT NOT NULL
) STRICT;

CREATE INDEX lookups_by_time ON lookups (asked_at);
CREATE INDEX lookups_by_workspace_time ON lookups (platform, workspace, asked_at);
