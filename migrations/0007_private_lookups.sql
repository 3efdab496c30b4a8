-- Lookups are private: only the recognised cell a lookup answered is kept, never the words a person typed
-- nor who typed them. Dropping the columns rewrites the table, so the raw text already stored goes too.
ALTER TABLE lookups DROP COLUMN query;
ALTER TABLE lookups DROP COLUMN user_id;

-- When a channel turned its weekly digest on: its first digest is the next Monday's, never one at once.
-- Channels that had it on already keep getting it as before.
ALTER TABLE channel_settings ADD COLUMN digest_since TEXT;
UPDATE channel_settings SET digest_since = '1970-01-01T00:00:00.000Z' WHERE weekly_digest = 1;
