-- Users and their devices (counted per user) with a session (the seed's definition) starting in the period:
-- $1 from (inclusive), $2 to (exclusive), NULL for unbounded.
SELECT count(DISTINCT user_key) AS users, count(DISTINCT (user_key, device_key)) AS devices
FROM sessions
WHERE NOT ride_aware AND started_at >= coalesce($1::timestamp, '-infinity') AND started_at < coalesce($2::timestamp, 'infinity');
