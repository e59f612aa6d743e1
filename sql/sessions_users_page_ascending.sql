-- sessions_users_page.sql in ascending order: lowest first by {{sort}}, ties by user key. The same
-- parameters; $3, $4 are the last row's sort value and key, and the page starts after them.
SELECT user_key AS "userKey", anonymous_id AS "anonymousId", devices, sessions,
       booked_sessions AS "seedFlagSessions", browsed_sessions AS "browsedSessions",
       looked_sessions AS "lookedSessions", booking_sessions AS "bookingSessions",
       first_seen AS "firstSeen", last_seen AS "lastSeen"
FROM session_users
WHERE ($1::text IS NULL OR user_key LIKE $1)
  AND ($2::text IS NULL OR CASE $2 WHEN 'browsed' THEN browsed_sessions WHEN 'looked' THEN looked_sessions ELSE booking_sessions END > 0)
  AND ($4::text IS NULL OR ({{sort}}, user_key) > ($3, $4))
ORDER BY {{sort}}, user_key
LIMIT $5;
