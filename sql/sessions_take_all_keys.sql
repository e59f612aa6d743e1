-- Full build, step 1 (inside the build's transaction): forget every session; every key will be built.
-- The locks are the incremental build's (see sessions_take_dirty_keys.sql).
LOCK TABLE session_dirty_keys IN EXCLUSIVE MODE;
LOCK TABLE sessions IN SHARE ROW EXCLUSIVE MODE;
SET LOCAL jit = off;
TRUNCATE sessions, session_users;
