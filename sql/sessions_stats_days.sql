-- Sessions (the seed's definition) per day of their start, for the chart, in the period
-- ($1 from, inclusive; $2 to, exclusive; NULL unbounded).
SELECT started_at::date AS day,
       count(*) AS sessions,
       count(*) FILTER (WHERE booked) AS "seedFlagSessions",
       count(*) FILTER (WHERE outcome = 'booked') AS "bookingSessions"
FROM sessions
WHERE NOT ride_aware AND started_at >= coalesce($1::timestamp, '-infinity') AND started_at < coalesce($2::timestamp, 'infinity')
GROUP BY started_at::date
ORDER BY day;
