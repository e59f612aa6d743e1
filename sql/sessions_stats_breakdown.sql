-- Sessions (the seed's definition) and their outcomes by {{column}} (city, os or app_version; see stats.ts).
SELECT {{column}} AS value,
       count(*) AS sessions,
       count(*) FILTER (WHERE booked) AS "bookedSessions",
       count(*) FILTER (WHERE outcome = 'looked') AS "lookedSessions",
       count(*) FILTER (WHERE outcome = 'booked') AS "bookingSessions"
FROM sessions
WHERE NOT ride_aware
GROUP BY {{column}}
ORDER BY sessions DESC, value;
