-- Discord direct messages used to share one workspace, "dm", between everyone who studied there. Each
-- person now studies under their own workspace, "user-<their id>", wherever their install reaches (DMs,
-- private channels, servers without the bot). What each person studied in DMs moves with them: their
-- memory cards, practice sessions and settings, mock exams, flags and private questions.
-- Channel rounds someone opened in a DM stay as they were, with their scores, so every score still
-- equals a recomputation of its rounds.
UPDATE practice_cards SET workspace = 'user-' || user_id WHERE platform = 'discord' AND workspace = 'dm';
UPDATE practice_sessions SET workspace = 'user-' || user_id WHERE platform = 'discord' AND workspace = 'dm';
UPDATE practice_prefs SET workspace = 'user-' || user_id WHERE platform = 'discord' AND workspace = 'dm';
UPDATE exams SET workspace = 'user-' || user_id WHERE platform = 'discord' AND workspace = 'dm';
UPDATE question_flags SET workspace = 'user-' || user_id WHERE platform = 'discord' AND workspace = 'dm';
UPDATE rounds SET workspace = 'user-' || player
  WHERE platform = 'discord' AND workspace = 'dm' AND kind = 'private';
