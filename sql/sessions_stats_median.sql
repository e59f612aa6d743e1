-- The values of {{column}} (seconds_to_book or ride_seconds) of one definition ($1 ride_aware) from whole second $2
-- to whole second $3, in order: the few around the median (sql/sessions_stats_median_seconds.sql finds them).
SELECT {{column}}::float8 AS value
FROM sessions
WHERE ride_aware = $1 AND {{column}} >= $2::bigint AND {{column}} < $3::bigint + 1
ORDER BY {{column}};
