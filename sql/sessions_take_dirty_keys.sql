-- Incremental build, step 1 (inside the build's transaction): hold the dirty keys still and forget their sessions.
-- EXCLUSIVE on session_dirty_keys waits for loads that marked keys to commit and holds new marks back until the
-- build commits, so every key marked before this point is built with all its rows, and none marked after is lost.
LOCK TABLE session_dirty_keys IN EXCLUSIVE MODE;
LOCK TABLE sessions IN SHARE ROW EXCLUSIVE MODE;
-- on a Citus coordinator the SET LOCALs below also reach the workers, which run the build (elsewhere a mere
-- placeholder setting)
SET LOCAL citus.propagate_set_commands = 'local';
-- compiling the build query costs a second and saves nothing on one pass over the events
SET LOCAL jit = off;
-- with a few keys, an index lookup per key beats reading every event: the planner needs fresh counts to see it
ANALYZE session_dirty_keys;

DELETE FROM sessions s USING session_dirty_keys k WHERE s.user_key = k.user_key AND s.device_key = k.device_key;
DELETE FROM session_users WHERE user_key IN (SELECT user_key FROM session_dirty_keys);
