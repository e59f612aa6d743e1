-- Totals of both session definitions in one scan of sessions, with the users' summary. Each table's totals are a
-- subquery of the FROM list, not of the select list: Citus runs those on the shards, and refuses the other kind.
SELECT u.users, u.devices, s.*
FROM (
  SELECT count(*) FILTER (WHERE NOT ride_aware) AS sessions,
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
) s
CROSS JOIN (SELECT count(*) AS users, coalesce(sum(devices), 0) AS devices FROM session_users) u;
