-- Adds the durations of the sessions in {{sessions}} (sessions, or dirty_key_sessions) to session_duration_counts,
-- each counted $1 times (1: made by the build, -1: about to be replaced), by whole second.
INSERT INTO session_duration_counts AS c (ride_aware, measure, second, sessions)
SELECT s.ride_aware, d.measure, floor(d.seconds)::bigint, $1::integer * count(*)
FROM {{sessions}} s
CROSS JOIN LATERAL (VALUES ('seconds_to_book', s.seconds_to_book), ('ride_seconds', s.ride_seconds)) d (measure, seconds)
WHERE d.seconds IS NOT NULL
GROUP BY 1, 2, 3
ON CONFLICT (ride_aware, measure, second) DO UPDATE SET sessions = c.sessions + excluded.sessions;
