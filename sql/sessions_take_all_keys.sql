-- Full build, step 1 (inside the build's transaction): forget every session; every key will be built.
-- The locks are the incremental build's (see sessions_take_dirty_keys.sql).
LOCK TABLE session_dirty_keys IN EXCLUSIVE MODE;
LOCK TABLE sessions IN SHARE ROW EXCLUSIVE MODE;
-- on a Citus coordinator the SET LOCALs below also reach the workers, which run the build (elsewhere a mere
-- placeholder setting)
SET LOCAL citus.propagate_set_commands = 'local';
SET LOCAL jit = off;
TRUNCATE sessions, session_users;
