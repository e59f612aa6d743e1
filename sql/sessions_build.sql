-- Builds the sessions of the events in {{events}} (mobile_events, or dirty_key_events: the events of the dirty
-- keys) under both definitions, from one pass over the events sorted by (user_key, device_key, created_at), the
-- order of the session key index. $1 gap in minutes; $2 how long an open ride (started, not done) holds a
-- ride-aware session together, in minutes. {{shared}}: how seed_sessions, read twice, runs (src/db/layout.ts):
-- MATERIALIZED computes it once; NOT MATERIALIZED inlines it into both readers, which Citus needs to run the whole
-- statement on the shards instead of pulling every seed session to the coordinator.
INSERT INTO sessions (
  user_key, ride_aware, device_key, session_index, anonymous_id, started_at, ended_at, event_count, city, os, app_version,
  booked, stage_rank, stage, outcome, deciding_event, decided_at, drop_off_event, seconds_to_book, ride_seconds
)
WITH staged AS (
  SELECT e.user_key, e.device_key, e.anonymous_id, e.created_at, e.event_name,
         e.business_zoned, e.context_os_name, e.context_app_version,
         coalesce(f.rank, 0) AS stage_rank,
         f.name AS stage,
         -- the seed's booking test (SIMILAR TO '%Ride Started%|%Ride Done%|%Rating Screen%'), kept as it was
         e.event_name LIKE ANY (ARRAY['%Ride Started%', '%Ride Done%', '%Rating Screen%']) AS seed_booking
  FROM {{events}} e
  LEFT JOIN LATERAL (
    SELECT rank, name FROM funnel_stages WHERE e.event_name LIKE ANY (patterns) ORDER BY rank DESC LIMIT 1
  ) f ON true
),
boundaries AS (
  SELECT staged.*,
         -- round(seconds) >= gap * 60  <=>  seconds >= gap * 60 - 0.5 (round half away from zero, as numeric
         -- round() and the seed's ::integer do), so the split needs no numeric arithmetic per row.
         -- Ties: only the first row of a group of equal created_at can have a gap, so ties never split.
         lag(created_at) OVER before_row IS NULL
           OR created_at - lag(created_at) OVER before_row >= make_interval(secs => $1::integer * 60 - 0.5) AS seed_split,
         -- the last ride start and ride end strictly before this row (exactly so on the rows that can split)
         max(created_at) FILTER (WHERE stage = 'ride_started') OVER before_row AS ride_started_before,
         max(created_at) FILTER (WHERE stage = 'ride_done') OVER before_row AS ride_done_before
  FROM staged
  -- one window for all three (lag ignores the frame), so one pass
  WINDOW before_row AS (PARTITION BY user_key, device_key ORDER BY created_at ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
numbered AS (
  SELECT boundaries.*,
         sum(seed_split::integer) OVER running - 1 AS seed_index,
         -- a ride-aware session splits where the seed's does, unless a ride started, has not ended, and is recent
         sum((seed_split AND NOT coalesce(
               ride_started_before > coalesce(ride_done_before, '-infinity')
                 AND created_at - ride_started_before < make_interval(mins => $2::integer),
               false))::integer) OVER running - 1 AS ride_index
  FROM boundaries
  WINDOW running AS (PARTITION BY user_key, device_key ORDER BY created_at ROWS UNBOUNDED PRECEDING)
),
seed_sessions AS {{shared}} (
  SELECT user_key, device_key, session_index, ride_index, anonymous_id, started_at, ended_at, event_count, city, os,
         app_version, booked, stage_rank,
         decision[1][1] AS deciding_event, decision[1][2]::timestamp AS decided_at, last_event,
         first_opened_at, first_ride_started_at, first_ride_done_at
  FROM (
    SELECT user_key, device_key, seed_index AS session_index,
           -- ride-aware splits are a subset of the seed's: a ride-aware session is a run of whole seed sessions
           min(ride_index) AS ride_index,
           -- COLLATE "C": the same choice on every server, whatever its default collation
           min(anonymous_id COLLATE "C") AS anonymous_id,
           min(created_at) AS started_at,
           max(created_at) AS ended_at,
           count(*)::integer AS event_count,
           min(business_zoned COLLATE "C") AS city,
           min(context_os_name COLLATE "C") AS os,
           min(context_app_version COLLATE "C") AS app_version,
           bool_or(seed_booking) AS booked,
           max(stage_rank) AS stage_rank,
           -- the first event of the furthest stage, name and time from one ordered aggregate (the costly kind);
           -- the time goes through text and back within this statement, so it comes back exactly
           array_agg(ARRAY[event_name, created_at::text] ORDER BY stage_rank DESC, created_at, event_name COLLATE "C")
             FILTER (WHERE stage_rank > 0) AS decision,
           (array_agg(event_name ORDER BY created_at DESC, event_name COLLATE "C" DESC))[1] AS last_event,
           min(created_at) FILTER (WHERE stage = 'opened') AS first_opened_at,
           min(created_at) FILTER (WHERE stage = 'ride_started') AS first_ride_started_at,
           min(created_at) FILTER (WHERE stage = 'ride_done') AS first_ride_done_at
    FROM numbered
    GROUP BY user_key, device_key, seed_index
  ) aggregated
),
ride_aware_sessions AS (
  SELECT user_key, device_key, ride_index AS session_index, NULL::integer AS ride_index,
         min(anonymous_id COLLATE "C") AS anonymous_id,
         min(started_at) AS started_at,
         max(ended_at) AS ended_at,
         sum(event_count)::integer AS event_count,
         min(city COLLATE "C") AS city,
         min(os COLLATE "C") AS os,
         min(app_version COLLATE "C") AS app_version,
         bool_or(booked) AS booked,
         max(stage_rank) AS stage_rank,
         -- parts are disjoint in time: the earliest to reach the highest stage decides, the last one ends
         (array_agg(deciding_event ORDER BY stage_rank DESC, decided_at) FILTER (WHERE stage_rank > 0))[1] AS deciding_event,
         (array_agg(decided_at ORDER BY stage_rank DESC, decided_at) FILTER (WHERE stage_rank > 0))[1] AS decided_at,
         (array_agg(last_event ORDER BY ended_at DESC))[1] AS last_event,
         min(first_opened_at) AS first_opened_at,
         min(first_ride_started_at) AS first_ride_started_at,
         min(first_ride_done_at) AS first_ride_done_at
  FROM seed_sessions
  GROUP BY user_key, device_key, ride_index
),
both_definitions AS (
  SELECT false AS ride_aware, * FROM seed_sessions
  UNION ALL
  SELECT true AS ride_aware, * FROM ride_aware_sessions
)
SELECT s.user_key, s.ride_aware, s.device_key, s.session_index, s.anonymous_id, s.started_at, s.ended_at, s.event_count,
       s.city, s.os, s.app_version, s.booked, s.stage_rank, f.name AS stage, coalesce(f.outcome, 'browsed') AS outcome,
       s.deciding_event, s.decided_at,
       CASE WHEN coalesce(f.outcome, 'browsed') <> 'booked' THEN s.last_event END AS drop_off_event,
       CASE WHEN s.first_ride_started_at >= s.first_opened_at
            THEN extract(epoch FROM s.first_ride_started_at - s.first_opened_at) END AS seconds_to_book,
       CASE WHEN s.first_ride_done_at >= s.first_ride_started_at
            THEN extract(epoch FROM s.first_ride_done_at - s.first_ride_started_at) END AS ride_seconds
FROM both_definitions s
LEFT JOIN funnel_stages f ON f.rank = s.stage_rank;
