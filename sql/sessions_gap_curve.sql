-- The gap explorer's one pass over the events, in the session key's order (one sort): at every setting G from 1 to
-- $1 minutes, how many sessions a build at G makes, how many hold the seed's flag, and how many reach a stage of
-- rank $2 or more, and $3 or more (NULL: none), so the caller gets the booked ones as the difference.
--
-- Each gap between consecutive events of a key is counted by the largest setting it splits at, m: the build splits
-- where seconds >= 60G - 0.5 (see sessions_build.sql), so a gap splits at every G up to floor((seconds + 0.5) / 60),
-- capped at $1 + 1. Sessions at G = keys + gaps with m >= G.
--
-- For a test of one event (a flag), the sessions holding a flagged event: a key's flagged events fall into as many
-- sessions at G as there are runs of them not split in between: two consecutive flagged events share a session iff every gap
-- between them is below G, i.e. iff the largest m between them is below G. So flagged sessions at G = keys with a
-- flagged event + consecutive flagged pairs whose largest m in between is >= G. That largest m is read at the
-- later event of the pair as a running max of segment * 256 + m (m < 256), where segment counts the flagged events
-- strictly before a row: the rows after a flagged event up to the next one share a segment and outrank every
-- earlier row, so the running max, mod 256, is the largest m since the last flagged event.
-- kind: 'gap' (m of each gap; NULL m: a key's first event), 'seed', 'from' ($2), 'above' ($3); for a flag, NULL m
-- is a key's first flagged event (in a session at every G).
SELECT k.kind, k.minutes, count(*) AS n
FROM (
  SELECT minutes, seed, reached, above,
         CASE WHEN seed_segment > 0 THEN max(seed_segment * 256 + coalesce(minutes, 0)) OVER running % 256 END AS seed_since,
         CASE WHEN reached_segment > 0 THEN max(reached_segment * 256 + coalesce(minutes, 0)) OVER running % 256 END AS reached_since,
         CASE WHEN above_segment > 0 THEN max(above_segment * 256 + coalesce(minutes, 0)) OVER running % 256 END AS above_since
  FROM (
    SELECT user_key, device_key, created_at, seed, reached, above,
           -- a key's first event has no gap: NULL (least() would skip the NULL, hence the CASE)
           CASE WHEN lag(created_at) OVER running IS NOT NULL
                THEN least(floor((extract(epoch FROM created_at - lag(created_at) OVER running) + 0.5) / 60), $1::integer + 1)::integer
           END AS minutes,
           coalesce(sum(seed::integer) OVER before_row, 0) AS seed_segment,
           coalesce(sum(reached::integer) OVER before_row, 0) AS reached_segment,
           coalesce(sum(above::integer) OVER before_row, 0) AS above_segment
    FROM (
      SELECT e.user_key, e.device_key, e.created_at,
             -- the seed's booking test, as sessions_build.sql has it
             e.event_name LIKE ANY (ARRAY['%Ride Started%', '%Ride Done%', '%Rating Screen%']) AS seed,
             -- a session's stage is its events' highest: it reaches rank r iff one of its events' stage is >= r
             coalesce(f.rank >= $2::smallint, false) AS reached,
             coalesce(f.rank >= $3::smallint, false) AS above
      FROM mobile_events e
      -- the event's stage, as sessions_build.sql finds it
      LEFT JOIN LATERAL (
        SELECT rank FROM funnel_stages WHERE e.event_name LIKE ANY (patterns) ORDER BY rank DESC LIMIT 1
      ) f ON true
    ) flagged
    WINDOW running AS (PARTITION BY user_key, device_key ORDER BY created_at ROWS UNBOUNDED PRECEDING),
           before_row AS (PARTITION BY user_key, device_key ORDER BY created_at ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
  ) gaps
  -- the same order as the inner windows, so no second sort: the segments and the running max see one row order
  WINDOW running AS (PARTITION BY user_key, device_key ORDER BY created_at ROWS UNBOUNDED PRECEDING)
) marked
CROSS JOIN LATERAL (
  VALUES ('gap', minutes, true), ('seed', seed_since, seed), ('from', reached_since, reached), ('above', above_since, above)
) k (kind, minutes, counted)
WHERE k.counted
GROUP BY k.kind, k.minutes;
