-- The all-time timestamp-quality line: events received before they were created, and more than $1 minutes after.
-- Each count reads its partial index (sql/sessions_schema.sql), not every event.
SELECT (SELECT count(*) FROM mobile_events WHERE received_at < created_at) AS "receivedBeforeCreated",
       (SELECT count(*) FROM mobile_events WHERE received_at > created_at + make_interval(mins => $1::integer)) AS "receivedLate";
