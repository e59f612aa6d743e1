-- The scratch build's sessions (the seed's definition) and how many of them booked (outcome), as the stats count them.
SELECT count(*) AS sessions, count(*) FILTER (WHERE outcome = 'booked') AS booked
FROM pg_temp.sessions
WHERE NOT ride_aware;
