-- The gap explorer's one pass over the events, in the session key's order: every gap between consecutive events of
-- a key, counted by the largest setting G it splits at. The build splits where seconds >= 60G - 0.5 (see
-- sessions_build.sql), so a gap splits at every G up to floor((seconds + 0.5) / 60); gaps beyond $1 minutes are
-- counted together as $1 + 1. Each key's first event has no gap: its row (minutes NULL) counts the keys.
-- (least() would skip the NULL, hence the CASE)
SELECT CASE WHEN gap IS NOT NULL THEN least(floor((extract(epoch FROM gap) + 0.5) / 60), $1::integer + 1)::integer END AS minutes,
       count(*) AS gaps
FROM (
  SELECT created_at - lag(created_at) OVER (PARTITION BY user_key, device_key ORDER BY created_at) AS gap
  FROM mobile_events
) gaps
GROUP BY 1;
