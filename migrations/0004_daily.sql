-- A channel's daily question: when to post, in which time zone, on which days, and when to reveal.
CREATE TABLE daily_schedules (
  platform      TEXT NOT NULL,
  workspace     TEXT NOT NULL,
  channel       TEXT NOT NULL,
  post_time     TEXT NOT NULL CHECK (post_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  timezone      TEXT NOT NULL,
  -- Comma-separated weekdays, Monday first: 'mon,tue,wed,thu,fri'.
  days          TEXT NOT NULL,
  reveal_time   TEXT CHECK (reveal_time IS NULL OR reveal_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  reveal_after_minutes INTEGER CHECK (reveal_after_minutes IS NULL OR reveal_after_minutes BETWEEN 1 AND 1440),
  -- No post before this local date (YYYY-MM-DD); posting resumes on it.
  paused_until  TEXT,
  -- A weekly leaderboard post: weekday and local time, or NULL for none.
  leaderboard_day  TEXT,
  leaderboard_time TEXT,
  enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- Posts are due only from this instant on, so a schedule set at 14:00 for 09:00 starts tomorrow.
  active_from   TEXT NOT NULL,
  updated_by    TEXT NOT NULL,
  PRIMARY KEY (platform, workspace, channel),
  CHECK ((reveal_time IS NULL) <> (reveal_after_minutes IS NULL))
) STRICT, WITHOUT ROWID;

-- Local dates a channel skips (holidays).
CREATE TABLE daily_skips (
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  channel    TEXT NOT NULL,
  local_date TEXT NOT NULL,
  PRIMARY KEY (platform, workspace, channel, local_date)
) STRICT, WITHOUT ROWID;

-- The exactly-once ledger: a row is claimed before the platform call and completed after it.
CREATE TABLE daily_runs (
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  channel    TEXT NOT NULL,
  local_date TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('post', 'leaderboard')),
  state      TEXT NOT NULL CHECK (state IN ('claimed', 'done', 'skipped')),
  round_id   INTEGER REFERENCES rounds (id),
  claimed_at TEXT NOT NULL,
  done_at    TEXT,
  note       TEXT,
  PRIMARY KEY (platform, workspace, channel, local_date, kind)
) STRICT, WITHOUT ROWID;

CREATE INDEX daily_runs_unfinished ON daily_runs (state) WHERE state = 'claimed';

-- When a reveal reached the channel; a revealed round without it is announced again (updates are idempotent).
ALTER TABLE rounds ADD COLUMN reveal_announced_at TEXT;
CREATE INDEX rounds_unannounced ON rounds (id) WHERE status = 'revealed' AND kind = 'channel' AND reveal_announced_at IS NULL;
