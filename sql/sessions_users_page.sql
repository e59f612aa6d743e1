-- One page of the user list, highest first by {{sort}}, ties by user key: keyset pagination on session_users'
-- indexes. {{sort}} is a column name from a fixed list (src/sessions/users.ts); everything else is a parameter.
-- $1 LIKE pattern of the key prefix or NULL, $2 an outcome the user must have had or NULL,
-- $3, $4 the cursor (last row's sort value and key) or NULL, $5 page size.
SELECT user_key AS "userKey", anonymous_id AS "anonymousId", devices, sessions,
       booked_sessions AS "seedFlagSessions", browsed_sessions AS "browsedSessions",
       looked_sessions AS "lookedSessions", booking_sessions AS "bookingSessions",
       first_seen AS "firstSeen", last_seen AS "lastSeen"
FROM session_users
WHERE ($1::text IS NULL OR user_key LIKE $1)
  AND ($2::text IS NULL OR CASE $2 WHEN 'browsed' THEN browsed_sessions WHEN 'looked' THEN looked_sessions ELSE booking_sessions END > 0)
  AND ($4::text IS NULL OR ({{sort}}, user_key) < ($3, $4))
ORDER BY {{sort}} DESC, user_key DESC
LIMIT $5;
