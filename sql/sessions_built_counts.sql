-- What a build just made: keys and sessions in {{sessions}} (sessions, or dirty_key_sessions).
SELECT count(DISTINCT (user_key, device_key)) AS keys,
       count(*) FILTER (WHERE NOT ride_aware) AS sessions,
       count(*) FILTER (WHERE ride_aware) AS ride_aware_sessions
FROM {{sessions}};
