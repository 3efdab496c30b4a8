-- A person's flag on a question they were asked: why, and how an admin resolved it. One per person per question.
CREATE TABLE question_flags (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  workspace   TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  question_id TEXT NOT NULL,
  -- The round the question was flagged from.
  round_id    INTEGER NOT NULL REFERENCES rounds (id),
  reason      TEXT NOT NULL
    CHECK (reason IN ('wrong-answer', 'ambiguous', 'several-right', 'outdated', 'typo')),
  comment     TEXT CHECK (comment IS NULL OR length(comment) <= 500),
  flagged_at  TEXT NOT NULL,
  resolved_at TEXT,
  resolution  TEXT CHECK (resolution IS NULL OR resolution IN ('dismissed', 'key-fixed', 'voided')),
  resolved_by TEXT,
  UNIQUE (platform, workspace, user_id, question_id)
) STRICT;

-- Open flags per question: the admins' list, and the questions held out of rotation.
CREATE INDEX question_flags_open ON question_flags (platform, workspace, question_id)
  WHERE resolved_at IS NULL;

-- When an admin corrected a revealed round's answer key (its stored question holds the corrected key).
ALTER TABLE rounds ADD COLUMN key_fixed_at TEXT;
