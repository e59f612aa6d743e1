-- Sessions (the seed's definition) reaching each funnel stage: a session reaches every stage up to its furthest.
-- Only sessions starting in the period: $1 from (inclusive), $2 to (exclusive), NULL unbounded.
WITH by_stage AS (
  SELECT stage_rank, count(*) AS sessions FROM sessions WHERE NOT ride_aware AND started_at >= coalesce($1::timestamp, '-infinity') AND started_at < coalesce($2::timestamp, 'infinity') GROUP BY stage_rank
)
SELECT f.rank, f.name AS stage, f.outcome, coalesce(sum(b.sessions), 0) AS sessions
FROM funnel_stages f
LEFT JOIN by_stage b ON b.stage_rank >= f.rank
GROUP BY f.rank, f.name, f.outcome
ORDER BY f.rank;
