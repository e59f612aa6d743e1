-- A user's sessions under one definition, in the shape of SessionRow. $1 user key, $2 ride-aware (boolean),
-- $3, $4 the period its start falls in (from inclusive, to exclusive; NULL unbounded).
SELECT device_key AS device, session_index AS "index", started_at AS start, ended_at AS "end",
       extract(epoch FROM ended_at - started_at) AS "durationSeconds",
       event_count AS events, booked, outcome, stage, stage_rank AS "stageRank",
       deciding_event AS "decidingEvent", decided_at AS "decidedAt", drop_off_event AS "dropOff",
       seconds_to_book AS "secondsToBook", ride_seconds AS "rideSeconds",
       city, os, app_version AS "appVersion"
FROM sessions
WHERE user_key = $1 AND ride_aware = $2
  AND started_at >= coalesce($3::timestamp, '-infinity') AND started_at < coalesce($4::timestamp, 'infinity')
ORDER BY device_key, session_index;
