-- Slack deliveries already handled (an event id, a command's trigger id, a click), kept for Slack's replay
-- window so that a retry or a replayed request is dropped by every process on this file, and after a restart.
CREATE TABLE delivery_keys (
  key      TEXT PRIMARY KEY,
  -- Milliseconds since the epoch, when the delivery first arrived.
  seen_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX delivery_keys_by_age ON delivery_keys (seen_at);
