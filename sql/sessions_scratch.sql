-- A scratch copy of the sessions table that shadows it for the rest of the transaction (pg_temp comes first in the
-- search path), so sessions_build.sql can run at another gap and leave the stored sessions alone. Dropped at commit.
CREATE TEMP TABLE sessions (LIKE sessions) ON COMMIT DROP;
