-- Adds the sessions in {{sessions}} (sessions, or dirty_key_sessions) to session_day_stats, each counted $1 times:
-- 1 for the sessions a build made, -1 for the ones it is about to replace. One scan: each session is counted once
-- by stage and, for the seed's definition, once per breakdown (a plain GROUP BY, which Citus runs on the shards).
INSERT INTO session_day_stats AS r (
  day, ride_aware, breakdown, value, booked, outcome, stage_rank, sessions, events
)
SELECT s.started_at::date, s.ride_aware, b.breakdown, b.value, s.booked, s.outcome, b.stage_rank,
       $1::integer * count(*),
       $1::integer * sum(s.event_count)
FROM {{sessions}} s
CROSS JOIN LATERAL (
  -- the breakdowns do not need the stage: one row per outcome
  VALUES ('', NULL, s.stage_rank), ('city', s.city, 0::smallint), ('os', s.os, 0::smallint), ('app_version', s.app_version, 0::smallint)
) b (breakdown, value, stage_rank)
WHERE b.breakdown = '' OR NOT s.ride_aware
GROUP BY 1, 2, 3, 4, 5, 6, 7
ON CONFLICT (day, ride_aware, breakdown, value, booked, outcome, stage_rank) DO UPDATE
SET sessions = r.sessions + excluded.sessions,
    events = r.events + excluded.events;
