-- Drops what the sessions build derives from mobile_events, when its shape changed; the next build is a full one.
-- funnel_stages is not derived (it holds the user's edits) and stays.
DROP VIEW IF EXISTS session_events, dirty_key_events, dirty_key_sessions, dirty_user_sessions;
DROP TABLE IF EXISTS sessions, session_users, session_day_stats, session_duration_counts;
DELETE FROM explorer_settings WHERE key = 'gap_minutes';
