-- The identity of a row, on {{events}} (mobile_events, or one partition of it). It leads with the user key because
-- a distributed or partitioned table's unique index must hold its distribution or partition column; nothing is
-- lost, since the hash covers anonymous_id, so equal rows share their user key. Built once after a bulk load into
-- an empty table (src/etl/bulk.ts), a partition at a time on as many connections as there are cores; on the whole
-- table it then only attaches the partitions' indexes. Kept up to date by every other load.
CREATE UNIQUE INDEX IF NOT EXISTS {{events}}_identity ON {{events}} (user_key, row_hash)
