-- After a bulk load into an empty table every key is new: all of them are marked for the sessions step at once.
INSERT INTO session_dirty_keys (user_key, device_key)
SELECT DISTINCT user_key, device_key FROM mobile_events
ON CONFLICT DO NOTHING
