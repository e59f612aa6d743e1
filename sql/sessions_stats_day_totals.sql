-- sessions_stats_totals.sql's counts from session_day_stats, for a period of whole days ($1 first day, $2 the day
-- after the last; NULL unbounded): a few thousand rows instead of every session. The medians come apart
-- (sessions_stats_median_seconds.sql, sessions_stats_medians.sql).
SELECT coalesce(sum(sessions) FILTER (WHERE NOT ride_aware), 0) AS sessions,
       coalesce(sum(events) FILTER (WHERE NOT ride_aware), 0) AS events,
       coalesce(sum(sessions) FILTER (WHERE NOT ride_aware AND booked), 0) AS booked,
       coalesce(sum(sessions) FILTER (WHERE NOT ride_aware AND outcome = 'browsed'), 0) AS browsed,
       coalesce(sum(sessions) FILTER (WHERE NOT ride_aware AND outcome = 'looked'), 0) AS looked,
       coalesce(sum(sessions) FILTER (WHERE NOT ride_aware AND outcome = 'booked'), 0) AS booking,
       coalesce(sum(sessions) FILTER (WHERE NOT ride_aware AND booked AND outcome <> 'booked'), 0) AS booked_without_ride,
       coalesce(sum(sessions) FILTER (WHERE ride_aware), 0) AS ride_aware_sessions,
       coalesce(sum(sessions) FILTER (WHERE ride_aware AND booked), 0) AS ride_aware_booked,
       coalesce(sum(sessions) FILTER (WHERE ride_aware AND outcome = 'booked'), 0) AS ride_aware_booking
FROM session_day_stats
WHERE breakdown = '' AND day >= coalesce($1::date, '-infinity') AND day < coalesce($2::date, 'infinity');
