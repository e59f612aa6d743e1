-- sessions_stats_days.sql from session_day_stats, for a period of whole days ($1 first day, $2 the day after the
-- last; NULL unbounded).
SELECT day,
       sum(sessions) AS sessions,
       coalesce(sum(sessions) FILTER (WHERE booked), 0) AS "seedFlagSessions",
       coalesce(sum(sessions) FILTER (WHERE outcome = 'booked'), 0) AS "bookingSessions"
FROM session_day_stats
WHERE breakdown = '' AND NOT ride_aware AND day >= coalesce($1::date, '-infinity') AND day < coalesce($2::date, 'infinity')
GROUP BY day
ORDER BY day;
