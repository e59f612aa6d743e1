-- Sessions (the seed's definition) starting in the period ($1 from, inclusive; $2 to, exclusive; NULL unbounded) and
-- their outcomes by {{column}} (city, os or app_version; see stats.ts).
SELECT {{column}} AS value,
       count(*) AS sessions,
       count(*) FILTER (WHERE booked) AS "seedFlagSessions",
       count(*) FILTER (WHERE outcome = 'looked') AS "lookedSessions",
       count(*) FILTER (WHERE outcome = 'booked') AS "bookingSessions"
FROM sessions
WHERE NOT ride_aware AND started_at >= coalesce($1::timestamp, '-infinity') AND started_at < coalesce($2::timestamp, 'infinity')
GROUP BY {{column}}
ORDER BY sessions DESC, value;
