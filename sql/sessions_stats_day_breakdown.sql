-- sessions_stats_breakdown.sql from session_day_stats, for a period of whole days ($1 first day, $2 the day after
-- the last; NULL unbounded); $3 the breakdown: city, os or app_version.
SELECT value,
       sum(sessions) AS sessions,
       coalesce(sum(sessions) FILTER (WHERE booked), 0) AS "seedFlagSessions",
       coalesce(sum(sessions) FILTER (WHERE outcome = 'looked'), 0) AS "lookedSessions",
       coalesce(sum(sessions) FILTER (WHERE outcome = 'booked'), 0) AS "bookingSessions"
FROM session_day_stats
WHERE breakdown = $3 AND day >= coalesce($1::date, '-infinity') AND day < coalesce($2::date, 'infinity')
GROUP BY value
ORDER BY sessions DESC, value;
