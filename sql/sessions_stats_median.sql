-- The all-time median of {{column}} (seconds_to_book or ride_seconds) of one definition ($1 ride_aware), as
-- percentile_cont(0.5) has it, without sorting every session: $2 values in all (from session_day_stats), so the
-- middle two sit at offset floor(($2 - 1) / 2), read in order from the partial index on the column.
SELECT {{column}}::float8 AS value
FROM sessions
WHERE ride_aware = $1 AND {{column}} IS NOT NULL
ORDER BY {{column}}
OFFSET ($2::bigint - 1) / 2
LIMIT 2;
