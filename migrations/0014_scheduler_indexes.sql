-- Every 20 seconds the scheduler looks for work that is due. These partial indexes hold only the rows it looks
-- for (a handful at any time), so a tick costs the same at ten thousand rounds as at a million.

-- Reveals a crash interrupted: closed and not withdrawn. Withdrawn rounds stay closed for good and are left out.
CREATE INDEX rounds_closed_unrevealed ON rounds (id) WHERE status = 'closed' AND voided_at IS NULL;

-- Open channel rounds by closing time, so only those whose time has come are read.
CREATE INDEX rounds_due_to_close ON rounds (closes_at)
  WHERE kind = 'channel' AND status = 'open' AND closes_at IS NOT NULL;

-- Running competitions by end, for the check whether one has ended (ended_at leads for the same reason as below).
CREATE INDEX competitions_due ON competitions (ended_at, ends_at) WHERE ended_at IS NULL;

-- Channels that asked for the weekly digest, looked up at every tick (the flag leads, so the planner, which
-- has no statistics, searches this index rather than reading every channel's settings).
CREATE INDEX channel_settings_digest ON channel_settings (weekly_digest, platform, workspace, channel, digest_since)
  WHERE weekly_digest = 1;
