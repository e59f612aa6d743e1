-- Full build on one server, step 1 of each connection's transaction: the connection builds its share of the hash
-- partitions (src/sessions/build.ts), the others theirs at the same time. SHARE on the parent alone of
-- session_dirty_keys holds back every load's new marks (they go through the parent) until this transaction commits,
-- and lets the other connections of this build take it too; an incremental build, which locks the whole table,
-- waits for all of them. Each partition's own rows are then taken with TRUNCATE (sessions_take_part.sql).
LOCK TABLE ONLY session_dirty_keys IN SHARE MODE;
SET LOCAL jit = off;
