-- Totals of both session definitions in one scan of the sessions that start in the period: $1 from (inclusive),
-- $2 to (exclusive), NULL for unbounded.
SELECT count(*) FILTER (WHERE NOT ride_aware) AS sessions,
       coalesce(sum(event_count) FILTER (WHERE NOT ride_aware), 0) AS events,
       count(*) FILTER (WHERE NOT ride_aware AND booked) AS booked,
       count(*) FILTER (WHERE NOT ride_aware AND outcome = 'browsed') AS browsed,
       count(*) FILTER (WHERE NOT ride_aware AND outcome = 'looked') AS looked,
       count(*) FILTER (WHERE NOT ride_aware AND outcome = 'booked') AS booking,
       count(*) FILTER (WHERE NOT ride_aware AND booked AND outcome <> 'booked') AS booked_without_ride,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds_to_book) FILTER (WHERE NOT ride_aware) AS median_seconds_to_book,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ride_seconds) FILTER (WHERE NOT ride_aware) AS median_ride_seconds,
       count(*) FILTER (WHERE ride_aware) AS ride_aware_sessions,
       count(*) FILTER (WHERE ride_aware AND booked) AS ride_aware_booked,
       count(*) FILTER (WHERE ride_aware AND outcome = 'booked') AS ride_aware_booking,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ride_seconds) FILTER (WHERE ride_aware) AS ride_aware_median_ride_seconds
FROM sessions
-- both values named, so the index on (ride_aware, started_at) is read as two ranges, not from end to end
WHERE ride_aware IN (false, true) AND started_at >= coalesce($1::timestamp, '-infinity') AND started_at < coalesce($2::timestamp, 'infinity');
