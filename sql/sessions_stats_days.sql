-- Sessions (the seed's definition) per day of their start, for the chart.
SELECT started_at::date AS day,
       count(*) AS sessions,
       count(*) FILTER (WHERE booked) AS "bookedSessions",
       count(*) FILTER (WHERE outcome = 'booked') AS "bookingSessions"
FROM sessions
WHERE NOT ride_aware
GROUP BY started_at::date
ORDER BY day;
