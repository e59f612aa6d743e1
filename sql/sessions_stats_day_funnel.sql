-- funnel.sql from session_day_stats, for a period of whole days ($1 first day, $2 the day after the last; NULL
-- unbounded): sessions (the seed's definition) reaching each stage, i.e. whose furthest stage is it or a later one.
WITH by_stage AS (
  SELECT stage_rank, sum(sessions) AS sessions
  FROM session_day_stats
  WHERE breakdown = '' AND NOT ride_aware AND day >= coalesce($1::date, '-infinity') AND day < coalesce($2::date, 'infinity')
  GROUP BY stage_rank
)
SELECT f.rank, f.name AS stage, f.outcome, coalesce(sum(b.sessions), 0) AS sessions
FROM funnel_stages f
LEFT JOIN by_stage b ON b.stage_rank >= f.rank
GROUP BY f.rank, f.name, f.outcome
ORDER BY f.rank;
