-- The seed's sessions ("Simple Version" of its session_queries.sql): one row per event with its 15-minute session
-- number (sess_count) and booking flag, from nested window queries over lower() keys, materialized as a table.
-- Two changes, both in the baseline's favour: LIKE instead of SIMILAR TO (a regular expression per row), and no
-- final ORDER BY (the seed sorted its output for display; a table needs no order).
CREATE TABLE seed_sessions AS
SELECT *,
       max(CASE WHEN event_name LIKE ANY (ARRAY['%Ride Started%', '%Ride Done%', '%Rating Screen%']) THEN 'Y' ELSE 'N' END)
         OVER w_booking AS successful_booking
FROM (
  SELECT *,
         sum(CASE WHEN minute_diff_between_events < 15 THEN 0 ELSE 1 END) OVER w_session_ct AS sess_count
  FROM (
    SELECT *,
           coalesce(extract(epoch FROM created_at - lag(created_at) OVER w_preceding_events)::integer / 60, 0)
             AS minute_diff_between_events,
           sum(CASE WHEN event_name LIKE '%Ride Done%' THEN 1 ELSE 0 END) OVER w_preceding_events AS running_ride_count
    FROM mobile_events
    WINDOW w_preceding_events AS (PARTITION BY lower(anonymous_id), lower(context_device_id) ORDER BY created_at
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  ) a
  WINDOW w_session_ct AS (PARTITION BY lower(anonymous_id), lower(context_device_id) ORDER BY created_at)
) b
WINDOW w_booking AS (PARTITION BY lower(anonymous_id), lower(context_device_id), sess_count ORDER BY created_at
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);
