-- A user's events with their session, in the shape of EventRow (plus the ordering columns).
-- $1 user key, $2 ride-aware (boolean), $3 session index or NULL (all), $4 device key or NULL (all).
-- The gap is taken over all of the device's events, so a session's first event shows the silence before it.
-- Events of equal created_at keep their load order; the first of them carries the gap, the others 0.
WITH user_events AS (
  SELECT e.*,
         floor(round(extract(epoch FROM e.created_at - lag(e.created_at) OVER by_time)) / 60) AS gap_minutes
  FROM mobile_events e
  WHERE e.user_key = $1 AND ($4::text IS NULL OR e.device_key = $4)
  WINDOW by_time AS (PARTITION BY e.device_key ORDER BY e.created_at, e.load_run_id, e.source_line)
),
in_sessions AS (
  SELECT e.*, s.session_index, s.deciding_event, s.decided_at,
         row_number() OVER (PARTITION BY e.device_key, s.session_index, e.created_at, e.event_name
                            ORDER BY e.load_run_id, e.source_line) AS repeat_number
  FROM sessions s
  JOIN user_events e ON e.device_key = s.device_key AND e.created_at BETWEEN s.started_at AND s.ended_at
  WHERE s.user_key = $1 AND s.ride_aware = $2
    AND ($3::integer IS NULL OR s.session_index = $3) AND ($4::text IS NULL OR s.device_key = $4)
)
SELECT device_key AS device, session_index AS session, created_at AS "createdAt", received_at AS "receivedAt",
       event_name AS event, gap_minutes AS "gapMinutes",
       -- the first of the events that reached the session's furthest stage (repeats of it are not marked)
       coalesce(created_at = decided_at AND event_name = deciding_event AND repeat_number = 1, false) AS decides,
       anonymous_id AS "anonymousId", context_device_id AS "deviceId", business_zoned AS city,
       context_os_name AS os, context_app_version AS "appVersion"
FROM in_sessions
ORDER BY device_key, created_at, load_run_id, source_line;
