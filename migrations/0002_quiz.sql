-- Rounds: one question in one channel (or, for /srm quiz, for one person), from open to reveal.
CREATE TABLE rounds (
  id             INTEGER PRIMARY KEY,
  platform       TEXT NOT NULL,
  workspace      TEXT NOT NULL,
  channel        TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('channel', 'private')),
  -- For private rounds: the one person who may answer.
  player         TEXT,
  question_id    TEXT NOT NULL,
  -- The question exactly as it was asked, so scores keep their meaning when content changes.
  question_json  TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('open', 'closed', 'revealed')),
  speed_bonus    INTEGER NOT NULL DEFAULT 0 CHECK (speed_bonus IN (0, 1)),
  competition_id INTEGER REFERENCES competitions (id),
  opened_at      TEXT NOT NULL,
  closes_at      TEXT,
  closed_at      TEXT,
  revealed_at    TEXT,
  -- The platform's id of the round's message, for updating it.
  message_ref    TEXT,
  CHECK ((kind = 'private') = (player IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX rounds_one_open_per_channel ON rounds (platform, workspace, channel)
  WHERE kind = 'channel' AND status = 'open';
CREATE INDEX rounds_by_channel ON rounds (platform, workspace, channel, kind, id);
CREATE INDEX rounds_open_private ON rounds (platform, workspace, player) WHERE kind = 'private' AND status = 'open';

-- The cells a round's question tests, for stats by service and area.
CREATE TABLE round_cells (
  round_id   INTEGER NOT NULL REFERENCES rounds (id),
  service_id TEXT NOT NULL,
  area_id    TEXT NOT NULL,
  PRIMARY KEY (round_id, service_id, area_id)
) STRICT, WITHOUT ROWID;

-- One answer per person per round, locked once given.
CREATE TABLE answers (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES rounds (id),
  user_id      TEXT NOT NULL,
  display_name TEXT NOT NULL,
  -- JSON array: choice letters, or one owner per duty for split questions.
  response     TEXT NOT NULL,
  -- Duties right for split questions; 1 or 0 otherwise.
  right_parts  INTEGER NOT NULL,
  total_parts  INTEGER NOT NULL,
  correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
  answered_at  TEXT NOT NULL,
  -- Set at the reveal.
  base_points  INTEGER,
  streak_bonus INTEGER,
  speed_bonus  INTEGER,
  UNIQUE (round_id, user_id)
) STRICT;

CREATE INDEX answers_by_user ON answers (user_id, round_id);
CREATE INDEX answers_by_round_time ON answers (round_id, answered_at, id);

-- Points per person per leaderboard period, kept equal to a recomputation from answers.
-- period: 'all', 'week:2026-W10', 'month:2026-03', 'competition:<id>'
CREATE TABLE scores (
  platform  TEXT NOT NULL,
  workspace TEXT NOT NULL,
  period    TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  display_name TEXT NOT NULL,
  points    INTEGER NOT NULL,
  answered  INTEGER NOT NULL,
  correct   INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace, period, user_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX scores_ranking ON scores (platform, workspace, period, points DESC, user_id);

-- Consecutive correct answers to a channel's rounds; a day without a round never breaks one.
CREATE TABLE streaks (
  platform  TEXT NOT NULL,
  workspace TEXT NOT NULL,
  channel   TEXT NOT NULL,
  user_id   TEXT NOT NULL,
  current   INTEGER NOT NULL,
  best      INTEGER NOT NULL,
  last_round_id INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace, channel, user_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE competitions (
  id         INTEGER PRIMARY KEY,
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  name       TEXT NOT NULL,
  -- The channel that started it, where its end is announced.
  channel    TEXT NOT NULL,
  started_by TEXT NOT NULL,
  starts_at  TEXT NOT NULL,
  ends_at    TEXT NOT NULL,
  ended_at   TEXT
) STRICT;

CREATE UNIQUE INDEX competitions_one_active ON competitions (platform, workspace) WHERE ended_at IS NULL;
CREATE UNIQUE INDEX competitions_name ON competitions (platform, workspace, name COLLATE NOCASE);

-- Per-channel question settings.
CREATE TABLE channel_settings (
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  channel    TEXT NOT NULL,
  -- JSON array of service ids, or NULL for every service.
  services   TEXT,
  difficulty TEXT CHECK (difficulty IS NULL OR difficulty IN ('easy', 'medium', 'hard')),
  speed_bonus INTEGER NOT NULL DEFAULT 0 CHECK (speed_bonus IN (0, 1)),
  PRIMARY KEY (platform, workspace, channel)
) STRICT, WITHOUT ROWID;
