-- The identity of a row. It leads with the user key because a distributed table's unique index must hold its
-- distribution column; nothing is lost, since the hash covers anonymous_id, so equal rows share their user key.
-- Built once after a bulk load into an empty table (src/etl/bulk.ts), kept up to date by every other load.
CREATE UNIQUE INDEX IF NOT EXISTS mobile_events_identity ON mobile_events (user_key, row_hash)
