-- Users and their devices (counted per user) over all time, from the users' summary.
SELECT count(*) AS users, coalesce(sum(devices), 0) AS devices FROM session_users;
