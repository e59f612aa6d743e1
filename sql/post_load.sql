-- After a load: the session sort key's index (built once, kept up to date by later loads) and fresh statistics.
CREATE INDEX IF NOT EXISTS mobile_events_session_key ON mobile_events (user_key, device_key, created_at);
ANALYZE mobile_events;
