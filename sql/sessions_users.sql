-- Rebuilds the user summaries of the users whose sessions are in {{sessions}} (sessions, or dirty_user_sessions:
-- all the sessions of the users with a dirty key), from the seed's definition.
INSERT INTO session_users (
  user_key, anonymous_id, devices, sessions, booked_sessions, browsed_sessions, looked_sessions, booking_sessions,
  first_seen, last_seen
)
SELECT user_key,
       min(anonymous_id COLLATE "C"),
       count(DISTINCT device_key)::integer,
       count(*)::integer,
       count(*) FILTER (WHERE booked)::integer,
       count(*) FILTER (WHERE outcome = 'browsed')::integer,
       count(*) FILTER (WHERE outcome = 'looked')::integer,
       count(*) FILTER (WHERE outcome = 'booked')::integer,
       min(started_at),
       max(ended_at)
FROM {{sessions}}
WHERE NOT ride_aware
GROUP BY user_key;
