-- Indexes for reads PostgreSQL plans differently from SQLite, measured at 1,000,000 answers: ties by user id
-- compare byte by byte (COLLATE "C", as SQLite's BINARY), the accuracy leaderboard reads its top rows in
-- order instead of sorting the whole period, a person's streaks and a lookup by display name (folded as
-- SQLite's NOCASE) find their rows instead of scanning. A competition's name is unique folded as SQLite's
-- NOCASE folds it (A-Z only), so both engines refuse the same names.
DROP INDEX scores_ranking;
CREATE INDEX scores_ranking ON scores (platform, workspace, period, points DESC, user_id COLLATE "C");
CREATE INDEX scores_by_accuracy ON scores
  (platform, workspace, period, (correct::float8 / NULLIF(answered, 0)) DESC NULLS LAST, answered DESC, user_id COLLATE "C");
CREATE INDEX scores_by_name ON scores (platform, workspace, period, lower(display_name COLLATE "C"));
CREATE INDEX streaks_by_person ON streaks (platform, workspace, user_id);
DROP INDEX competitions_name;
CREATE UNIQUE INDEX competitions_name ON competitions (platform, workspace, lower(name COLLATE "C"));
