-- What a build just made: keys and sessions in {{sessions}} (sessions, or dirty_key_sessions).
-- A key's seed sessions are numbered from 0, so session 0 counts its keys: a plain count, summed per shard on Citus.
SELECT count(*) FILTER (WHERE NOT ride_aware AND session_index = 0) AS keys,
       count(*) FILTER (WHERE NOT ride_aware) AS sessions,
       count(*) FILTER (WHERE ride_aware) AS ride_aware_sessions
FROM {{sessions}};
