-- Where the all-time median of one duration ($1 ride_aware, $2 measure) falls: the whole seconds holding the
-- middle value(s) of all n values, 0-based positions (n - 1) / 2 and n / 2 (percentile_cont(0.5)'s two rows), and
-- how many values come before that second.
WITH counted AS (
  SELECT second, sessions,
         (sum(sessions) OVER (ORDER BY second))::bigint - sessions AS before,
         (sum(sessions) OVER ())::bigint AS n
  FROM session_duration_counts
  WHERE ride_aware = $1 AND measure = $2
)
SELECT p.position, c.second, c.before
FROM (SELECT DISTINCT n FROM counted) total
CROSS JOIN LATERAL (VALUES ((total.n - 1) / 2), (total.n / 2)) p (position)
JOIN counted c ON p.position >= c.before AND p.position < c.before + c.sessions
ORDER BY p.position;
