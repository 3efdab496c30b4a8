-- Channels whose platform refused srm-bot for good (the bot removed, the channel archived or gone): their
-- schedule waits here until an admin resumes it, so a refused channel is not called again every tick.
CREATE TABLE channel_pauses (
  platform   TEXT NOT NULL,
  workspace  TEXT NOT NULL,
  channel    TEXT NOT NULL,
  -- The platform's error code (channel_not_found, 50001 Missing Access, ...).
  reason     TEXT NOT NULL,
  paused_at  TEXT NOT NULL,
  PRIMARY KEY (platform, workspace, channel)
) STRICT, WITHOUT ROWID;
