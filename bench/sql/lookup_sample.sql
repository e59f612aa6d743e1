-- The lookups' sample: $1 users drawn at random but repeatably ($2 seeds the draw), each with one of their
-- sessions (the seed's definition) for the events lookup. Users come with their anonymous_id as stored, as a user
-- would type it. session_users.user_key is COLLATE "C" and sessions.user_key is not: without the COLLATE below, the
-- join could not use the sessions primary key and would scan all sessions once per user.
SELECT u.anonymous_id AS "anonymousId", s.device_key AS device, s.session_index AS session
FROM (
  SELECT user_key, anonymous_id FROM session_users ORDER BY md5(user_key || $2::text) LIMIT $1
) u
CROSS JOIN LATERAL (
  SELECT device_key, session_index
  FROM sessions
  WHERE sessions.user_key = u.user_key COLLATE "default" AND NOT sessions.ride_aware
  ORDER BY md5(device_key || session_index::text || $2::text)
  LIMIT 1
) s
