-- Spaced repetition: one memory card per person for each matrix cell and scenario question they have met,
-- scheduled with FSRS. The columns mirror the scheduler's card, so a card round-trips without loss.
CREATE TABLE practice_cards (
  id             INTEGER PRIMARY KEY,
  platform       TEXT NOT NULL,
  workspace      TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  item_kind      TEXT NOT NULL CHECK (item_kind IN ('cell', 'question')),
  -- 'service/area' for a cell; the question id for a scenario question.
  item_id        TEXT NOT NULL,
  -- 0 new, 1 learning, 2 review, 3 relearning (the scheduler's own codes).
  state          INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
  due            TEXT NOT NULL,
  stability      REAL NOT NULL,
  difficulty     REAL NOT NULL,
  elapsed_days   INTEGER NOT NULL,
  scheduled_days INTEGER NOT NULL,
  learning_steps INTEGER NOT NULL,
  reps           INTEGER NOT NULL,
  lapses         INTEGER NOT NULL,
  last_review    TEXT,
  -- The rating of the latest review (1 again, 2 hard, 3 good), NULL before the first: /srm review asks the 1s.
  last_rating    INTEGER CHECK (last_rating IS NULL OR last_rating BETWEEN 1 AND 4),
  created_at     TEXT NOT NULL,
  UNIQUE (platform, workspace, user_id, item_kind, item_id)
) STRICT;

CREATE INDEX practice_cards_due ON practice_cards (platform, workspace, user_id, due);

-- Every review of a card. The scheduler's log of the memory before the review is kept whole, so the
-- latest review can be rolled back and rated again when a person taps "How sure?" after answering.
CREATE TABLE practice_reviews (
  id                INTEGER PRIMARY KEY,
  card_id           INTEGER NOT NULL REFERENCES practice_cards (id),
  round_id          INTEGER NOT NULL REFERENCES rounds (id),
  source            TEXT NOT NULL CHECK (source IN ('channel', 'private')),
  rating            INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  confidence        TEXT CHECK (confidence IS NULL OR confidence IN ('guess', 'fairly', 'certain')),
  reviewed_at       TEXT NOT NULL,
  state             INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
  due               TEXT NOT NULL,
  stability         REAL NOT NULL,
  difficulty        REAL NOT NULL,
  elapsed_days      INTEGER NOT NULL,
  last_elapsed_days INTEGER NOT NULL,
  scheduled_days    INTEGER NOT NULL,
  learning_steps    INTEGER NOT NULL
) STRICT;

CREATE INDEX practice_reviews_by_card ON practice_reviews (card_id, id);
CREATE INDEX practice_reviews_by_round ON practice_reviews (round_id);

-- A person's running /srm practice, review or cram: which private round it waits on.
CREATE TABLE practice_sessions (
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  mode       TEXT NOT NULL CHECK (mode IN ('practice', 'review', 'cram')),
  -- JSON array of the service ids a cram covers; NULL for every card the person has.
  services   TEXT,
  started_at TEXT NOT NULL,
  -- The latest review id when it began: a cram is done with a card reviewed after it.
  since_review INTEGER NOT NULL,
  round_id   INTEGER REFERENCES rounds (id),
  PRIMARY KEY (platform, workspace, user_id)
) STRICT, WITHOUT ROWID;

-- How a channel's question of the day is chosen, and whether it gets the weekly digest.
ALTER TABLE channel_settings ADD COLUMN question_pick TEXT NOT NULL DEFAULT 'rotation'
  CHECK (question_pick IN ('rotation', 'memory'));
ALTER TABLE channel_settings ADD COLUMN weekly_digest INTEGER NOT NULL DEFAULT 0
  CHECK (weekly_digest IN (0, 1));

-- One weekly digest per channel per ISO week, claimed before it is posted so two processes never both post.
CREATE TABLE practice_digests (
  platform  TEXT NOT NULL,
  workspace TEXT NOT NULL,
  channel   TEXT NOT NULL,
  week      TEXT NOT NULL,
  sent_at   TEXT NOT NULL,
  PRIMARY KEY (platform, workspace, channel, week)
) STRICT, WITHOUT ROWID;
