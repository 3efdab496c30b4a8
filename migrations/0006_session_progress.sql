-- What a running practice, review or cram has done so far: how many of its questions were answered
-- (an "I don't know" counts), and the questions skipped, which the session does not ask again.
ALTER TABLE practice_sessions ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
-- JSON array of question ids.
ALTER TABLE practice_sessions ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]';
