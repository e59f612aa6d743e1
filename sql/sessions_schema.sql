-- Sessions, their users, and the funnel they are judged by. Idempotent: applied before every sessions build.

-- The funnel, in ONE place: a session's stage is the highest rank any of its events matches (LIKE patterns),
-- and its outcome is that stage's. Rows are seeded once; edit them and run `rebuild` to re-judge every session.
-- The build relies on three stage names: opened, ride_started and ride_done (metrics, ride-aware sessions).
CREATE TABLE IF NOT EXISTS funnel_stages (
  rank     smallint PRIMARY KEY CHECK (rank > 0),
  name     text     NOT NULL UNIQUE,
  outcome  text     NOT NULL CHECK (outcome IN ('browsed', 'looked', 'booked')),
  patterns text[]   NOT NULL
);

INSERT INTO funnel_stages (rank, name, outcome, patterns) VALUES
  (1, 'opened',           'browsed', ARRAY['Application Opened']),
  (2, 'map',              'browsed', ARRAY['Home Screen Viewed', 'Location Permission%']),
  (3, 'scooter_selected', 'looked',  ARRAY['Scooter Selected%']),
  (4, 'qr_scanner',       'looked',  ARRAY['Qr Scanner%']),
  (5, 'payment',          'looked',  ARRAY['Payment%']),
  (6, 'ride_started',     'booked',  ARRAY['Ride Started - Successful']),
  (7, 'ride_done',        'booked',  ARRAY['Ride Done%']),
  (8, 'rated',            'booked',  ARRAY['Rating Screen%'])
ON CONFLICT (rank) DO NOTHING;

-- One row per session and definition: ride_aware = false is the seed's definition (a gap of gap_minutes or more
-- splits), true also keeps a ride's start and end together. Sessions partition a key's timeline, so a session's
-- events are exactly its key's events with created_at between started_at and ended_at (see session_events).
CREATE TABLE IF NOT EXISTS sessions (
  user_key        text      COLLATE "C" NOT NULL,
  ride_aware      boolean   NOT NULL,
  device_key      text      NOT NULL,
  session_index   integer   NOT NULL,
  anonymous_id    text      NOT NULL,
  started_at      timestamp NOT NULL,
  ended_at        timestamp NOT NULL,
  event_count     integer   NOT NULL,
  -- for the breakdowns: the smallest value among the session's events (a session rarely sees two)
  city            text,
  os              text,
  app_version     text,
  -- the seed's flag, exactly: any event name containing Ride Started, Ride Done or Rating Screen
  booked          boolean   NOT NULL,
  -- furthest funnel stage reached (0 and NULL: no funnel event), its outcome, and the event that reached it first
  stage_rank      smallint  NOT NULL,
  stage           text,
  outcome         text      NOT NULL,
  deciding_event  text,
  decided_at      timestamp,
  -- where a session that did not book ended: its last event (NULL for booked sessions)
  drop_off_event  text,
  -- first Application Opened -> first Ride Started - Successful, first ride start -> first Ride Done
  seconds_to_book numeric,
  ride_seconds    numeric,
  -- the primary key serves every lookup by user: WHERE user_key = $1 AND ride_aware = $2 ORDER BY device, index
  PRIMARY KEY (user_key, ride_aware, device_key, session_index)
);

-- Every period-scoped view (stats --from --to, the app's period picker) reads the sessions starting in a range.
-- Sessions are stored in key order, so a month's rows sit on half the table's pages; with the columns the stats
-- read included, a period is a contiguous slice of this index (an index-only scan once vacuum has run), three
-- times faster at 10M events for about 60% of the table's size (docs/benchmarks.md).
CREATE INDEX IF NOT EXISTS sessions_by_start ON sessions (ride_aware, started_at)
  INCLUDE (user_key, device_key, event_count, booked, outcome, stage_rank, city, os, app_version, seconds_to_book, ride_seconds);

-- One row per user, for the seed's definition: the user list sorts and pages on these columns (keyset).
CREATE TABLE IF NOT EXISTS session_users (
  -- "C": the same order on every server, and a plain btree serves prefix search (LIKE 'abc%')
  user_key          text      COLLATE "C" PRIMARY KEY,
  anonymous_id      text      NOT NULL,
  devices           integer   NOT NULL,
  sessions          integer   NOT NULL,
  booked_sessions   integer   NOT NULL,
  browsed_sessions  integer   NOT NULL,
  looked_sessions   integer   NOT NULL,
  booking_sessions  integer   NOT NULL,
  first_seen        timestamp NOT NULL,
  last_seen         timestamp NOT NULL
);

CREATE INDEX IF NOT EXISTS session_users_by_sessions ON session_users (sessions, user_key);
CREATE INDEX IF NOT EXISTS session_users_by_bookings ON session_users (booking_sessions, user_key);
CREATE INDEX IF NOT EXISTS session_users_by_last_seen ON session_users (last_seen, user_key);

-- Every event with its session: the range join is exact because sessions partition each key's timeline.
CREATE OR REPLACE VIEW session_events AS
SELECT s.ride_aware, s.session_index, e.*
FROM sessions s
JOIN mobile_events e
  ON e.user_key = s.user_key AND e.device_key = s.device_key AND e.created_at BETWEEN s.started_at AND s.ended_at;

-- What an incremental build reads: the keys that received rows since the last build (session_dirty_keys).
CREATE OR REPLACE VIEW dirty_key_events AS
SELECT e.user_key, e.device_key, e.anonymous_id, e.created_at, e.event_name,
       e.business_zoned, e.context_os_name, e.context_app_version
FROM mobile_events e
WHERE (e.user_key, e.device_key) IN (SELECT user_key, device_key FROM session_dirty_keys);

CREATE OR REPLACE VIEW dirty_key_sessions AS
SELECT s.* FROM sessions s
WHERE (s.user_key, s.device_key) IN (SELECT user_key, device_key FROM session_dirty_keys);

CREATE OR REPLACE VIEW dirty_user_sessions AS
SELECT s.* FROM sessions s
WHERE s.user_key IN (SELECT user_key FROM session_dirty_keys);

-- What Stats shows, summed by the day sessions start, kept by every build (sql/sessions_stats_rollup.sql) so that
-- Stats reads a few thousand rows instead of every session. breakdown '' rows hold both definitions by stage;
-- 'city', 'os' and 'app_version' rows hold the seed's definition by that column's value. A period of whole days
-- reads only this; one cut inside a day reads the sessions, as before.
CREATE TABLE IF NOT EXISTS session_day_stats (
  day              date     NOT NULL,
  ride_aware       boolean  NOT NULL,
  breakdown        text     NOT NULL,
  value            text,
  booked           boolean  NOT NULL,
  outcome          text     NOT NULL,
  stage_rank       smallint NOT NULL,
  sessions         bigint   NOT NULL,
  events           bigint   NOT NULL,
  -- a row's key; a NULL value (no city) is a value like any other
  UNIQUE NULLS NOT DISTINCT (day, ride_aware, breakdown, value, booked, outcome, stage_rank)
);

-- The all-time timestamp-quality line (sql/sessions_stats_events.sql) counts a few odd events: these partial
-- indexes hold just those, so it reads them instead of every event. 60 minutes: LATE_RECEIPT_MINUTES (stats.ts);
-- a query with another value would still be right, only slower.
CREATE INDEX IF NOT EXISTS mobile_events_received_before_created ON mobile_events (created_at) WHERE received_at < created_at;
CREATE INDEX IF NOT EXISTS mobile_events_received_late ON mobile_events (created_at) WHERE received_at > created_at + interval '60 minutes';

-- Every session's durations counted by whole second, both definitions, kept by every build like session_day_stats:
-- an all-time median finds the second it falls in here, then reads only that second's sessions
-- (sql/sessions_stats_median.sql) instead of sorting every session's.
CREATE TABLE IF NOT EXISTS session_duration_counts (
  ride_aware boolean NOT NULL,
  measure    text    NOT NULL CHECK (measure IN ('seconds_to_book', 'ride_seconds')),
  second     bigint  NOT NULL,
  sessions   bigint  NOT NULL,
  PRIMARY KEY (ride_aware, measure, second)
);

-- The sessions of one second of a duration, for the medians.
CREATE INDEX IF NOT EXISTS sessions_by_seconds_to_book ON sessions (ride_aware, seconds_to_book) WHERE seconds_to_book IS NOT NULL;
CREATE INDEX IF NOT EXISTS sessions_by_ride_seconds ON sessions (ride_aware, ride_seconds) WHERE ride_seconds IS NOT NULL;
