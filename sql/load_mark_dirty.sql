-- The user/device keys of newly inserted rows, folded exactly as mobile_events' generated key columns fold them,
-- for the sessions step to rebuild. $1: anonymous ids, $2: device ids (pairwise).
INSERT INTO session_dirty_keys (user_key, device_key)
SELECT DISTINCT lower(anonymous_id), lower(device_id)
  FROM unnest($1::text[], $2::text[]) AS k (anonymous_id, device_id)
ON CONFLICT DO NOTHING
