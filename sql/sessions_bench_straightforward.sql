-- The straightforward session build the benchmark compares ours with, in the seed's style: windows over
-- lower()-cased ids (no stored keys, no index to read them in order), the whole event table materialized
-- with its session number and booked flag by CREATE TABLE AS. Not used by the application.
DROP TABLE IF EXISTS bench_straightforward_sessions;
CREATE TABLE bench_straightforward_sessions AS
SELECT numbered.*,
       bool_or(event_name SIMILAR TO '%(Ride Started|Ride Done|Rating Screen)%')
         OVER (PARTITION BY lower(anonymous_id), lower(context_device_id), session_index) AS booked
FROM (
  SELECT gaps.*,
         sum(CASE WHEN gap_minutes < 15 THEN 0 ELSE 1 END)
           OVER (PARTITION BY lower(anonymous_id), lower(context_device_id) ORDER BY created_at) AS session_index
  FROM (
    SELECT e.*,
           coalesce(extract(epoch FROM created_at - lag(created_at)
             OVER (PARTITION BY lower(anonymous_id), lower(context_device_id) ORDER BY created_at))::integer / 60, 0) AS gap_minutes
    FROM mobile_events e
  ) gaps
) numbered;
DROP TABLE bench_straightforward_sessions;
