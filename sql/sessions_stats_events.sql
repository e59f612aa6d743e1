-- One scan of the events: how many, and the timestamp-quality line. $1: minutes after created_at that count as late.
SELECT count(*) AS events,
       count(*) FILTER (WHERE received_at < created_at) AS "receivedBeforeCreated",
       count(*) FILTER (WHERE received_at > created_at + make_interval(mins => $1::integer)) AS "receivedLate"
FROM mobile_events;
