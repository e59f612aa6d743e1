-- How many users the list's filters match ($1 and $2 as in sessions_users_page.sql).
SELECT count(*) AS total
FROM session_users
WHERE ($1::text IS NULL OR user_key LIKE $1)
  AND ($2::text IS NULL OR CASE $2 WHEN 'browsed' THEN browsed_sessions WHEN 'looked' THEN looked_sessions ELSE booking_sessions END > 0);
