-- The user/device keys of newly inserted rows, already folded by the loader, for the sessions step to rebuild.
-- $1: user keys, $2: device keys (pairwise, distinct).
INSERT INTO session_dirty_keys (user_key, device_key)
SELECT user_key, device_key
  FROM unnest($1::text[], $2::text[]) AS k (user_key, device_key)
ON CONFLICT DO NOTHING
