-- A person's own practice settings: how many new cards /srm practice introduces a day, and the path it
-- follows (an exam id or a service id; NULL for the default learning order).
CREATE TABLE practice_prefs (
  platform     TEXT NOT NULL,
  workspace    TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  new_per_day  INTEGER NOT NULL DEFAULT 10 CHECK (new_per_day BETWEEN 0 AND 100),
  path         TEXT,
  PRIMARY KEY (platform, workspace, user_id)
) STRICT, WITHOUT ROWID;

-- When /srm practice introduced the card as a new one (NULL for cards met any other way): the day's
-- count of new cards is the count of these since midnight UTC.
ALTER TABLE practice_cards ADD COLUMN introduced_at TEXT;
CREATE INDEX practice_cards_introduced ON practice_cards (platform, workspace, user_id, introduced_at)
  WHERE introduced_at IS NOT NULL;

-- A private mock exam: its questions as shown, fixed when it starts, asked one at a time.
CREATE TABLE exams (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  workspace    TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  display_name TEXT NOT NULL,
  exam         TEXT NOT NULL CHECK (exam IN ('clf-c02', 'saa-c03', 'scs-c02')),
  -- JSON array of {question, choiceOrder}: each question exactly as shown (choices already shuffled).
  questions    TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  abandoned_at TEXT
) STRICT;

-- One running exam per person.
CREATE UNIQUE INDEX exams_one_running ON exams (platform, workspace, user_id)
  WHERE finished_at IS NULL AND abandoned_at IS NULL;

-- One answer per exam question; filed as a private round at the end so it counts in personal stats and cards.
CREATE TABLE exam_answers (
  exam_id     INTEGER NOT NULL REFERENCES exams (id),
  position    INTEGER NOT NULL,
  -- JSON array: choice letters as shown; [] for a question left unanswered.
  response    TEXT NOT NULL,
  correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
  answered_at TEXT NOT NULL,
  round_id    INTEGER REFERENCES rounds (id),
  PRIMARY KEY (exam_id, position)
) STRICT, WITHOUT ROWID;
