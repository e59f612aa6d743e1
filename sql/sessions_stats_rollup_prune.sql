-- After an incremental build: a day and combination whose sessions all moved elsewhere leaves no row behind.
DELETE FROM session_day_stats WHERE sessions = 0;
