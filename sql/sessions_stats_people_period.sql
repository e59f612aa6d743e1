-- Users and their devices (counted per user) with a session (the seed's definition) starting in the period:
-- $1 from (inclusive), $2 to (exclusive), NULL for unbounded. Devices are counted within each user, in the "C"
-- order: one sort of the period's sessions by plain bytes, where a count(DISTINCT) of keys sorted twice.
SELECT count(*) AS users, coalesce(sum(devices), 0) AS devices
FROM (
  SELECT count(DISTINCT device_key COLLATE "C") AS devices
  FROM sessions
  WHERE NOT ride_aware AND started_at >= coalesce($1::timestamp, '-infinity') AND started_at < coalesce($2::timestamp, 'infinity')
  GROUP BY user_key COLLATE "C"
) users;
