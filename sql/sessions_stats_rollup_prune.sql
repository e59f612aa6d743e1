-- After an incremental build: a combination or a second whose sessions all moved elsewhere leaves no row behind.
DELETE FROM session_day_stats WHERE sessions = 0;
DELETE FROM session_duration_counts WHERE sessions = 0;
