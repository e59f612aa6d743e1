-- One page of the users with a session (the seed's definition) starting in the period, their counts over those
-- sessions only: sessions_users_page.sql computed from sessions instead of session_users. {{sort}} is a column
-- name and {{direction}} asc or desc, both from fixed lists (src/sessions/users.ts); the rest are parameters.
-- $1 LIKE pattern of the key prefix or NULL, $2 an outcome the user must have had or NULL, $3, $4 the cursor
-- (last row's sort value and key) or NULL, $5 page size, $6 ascending (boolean), $7, $8 the period (from
-- inclusive, to exclusive; NULL unbounded).
WITH period_users AS (
  SELECT user_key COLLATE "C" AS user_key,
         min(anonymous_id COLLATE "C") AS anonymous_id,
         count(DISTINCT device_key)::integer AS devices,
         count(*)::integer AS sessions,
         count(*) FILTER (WHERE booked)::integer AS booked_sessions,
         count(*) FILTER (WHERE outcome = 'browsed')::integer AS browsed_sessions,
         count(*) FILTER (WHERE outcome = 'looked')::integer AS looked_sessions,
         count(*) FILTER (WHERE outcome = 'booked')::integer AS booking_sessions,
         min(started_at) AS first_seen,
         max(ended_at) AS last_seen
  FROM sessions
  WHERE NOT ride_aware AND started_at >= coalesce($7::timestamp, '-infinity') AND started_at < coalesce($8::timestamp, 'infinity')
    AND ($1::text IS NULL OR user_key LIKE lower($1))
  GROUP BY user_key
),
matching AS (
  SELECT * FROM period_users
  WHERE ($2::text IS NULL OR CASE $2 WHEN 'browsed' THEN browsed_sessions WHEN 'looked' THEN looked_sessions ELSE booking_sessions END > 0)
)
-- one row even when the page is empty, so the total always arrives (the page's columns are then NULL)
SELECT t.total, p.*
FROM (SELECT count(*) AS total FROM matching) t
LEFT JOIN LATERAL (
  SELECT user_key AS "userKey", anonymous_id AS "anonymousId", devices, sessions,
         booked_sessions AS "seedFlagSessions", browsed_sessions AS "browsedSessions",
         looked_sessions AS "lookedSessions", booking_sessions AS "bookingSessions",
         first_seen AS "firstSeen", last_seen AS "lastSeen"
  FROM matching
  WHERE $4::text IS NULL OR CASE WHEN $6 THEN ({{sort}}, user_key) > ($3, $4) ELSE ({{sort}}, user_key) < ($3, $4) END
  ORDER BY {{sort}} {{direction}}, user_key {{direction}}
  LIMIT $5
) p ON true;
