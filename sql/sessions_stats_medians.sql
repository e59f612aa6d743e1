-- sessions_stats_totals.sql's medians alone, for a period of whole days (the counts come from session_day_stats),
-- or for all time when its counts by second moved under the reader (a build committed meanwhile):
-- one scan of the period's slice of sessions_by_start. $1 from (inclusive), $2 to (exclusive), NULL unbounded.
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds_to_book) FILTER (WHERE NOT ride_aware) AS median_seconds_to_book,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ride_seconds) FILTER (WHERE NOT ride_aware) AS median_ride_seconds,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ride_seconds) FILTER (WHERE ride_aware) AS ride_aware_median_ride_seconds
FROM sessions
WHERE ride_aware IN (false, true) AND started_at >= coalesce($1::timestamp, '-infinity') AND started_at < coalesce($2::timestamp, 'infinity');
