-- Users and their devices (counted per user) with a session (the seed's definition) starting in the period:
-- $1 from (inclusive), $2 to (exclusive), NULL for unbounded. Keys grouped first: a hash, where count(DISTINCT) sorts.
SELECT count(DISTINCT user_key) AS users, count(*) AS devices
FROM (
  SELECT user_key, device_key
  FROM sessions
  WHERE NOT ride_aware AND started_at >= coalesce($1::timestamp, '-infinity') AND started_at < coalesce($2::timestamp, 'infinity')
  GROUP BY user_key, device_key
) keys;
