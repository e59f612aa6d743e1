-- Incremental build, before its sessions are replaced: the dirty keys are held still (the lock the build takes
-- next, sql/sessions_take_dirty_keys.sql, taken first), so the sessions taken out of the sums here are exactly
-- the ones the build deletes.
LOCK TABLE session_dirty_keys IN EXCLUSIVE MODE;
-- with a few keys, an index lookup per key beats reading every session: the planner needs fresh counts to see it
ANALYZE session_dirty_keys;
