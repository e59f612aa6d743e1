-- The seed's post_exec.sql, second half: its session sort index over lower() keys and the hash index.
CREATE INDEX IF NOT EXISTS idx_sort_id ON mobile_events (lower(anonymous_id), lower(context_device_id), created_at);
CREATE INDEX IF NOT EXISTS idx_col_hash ON mobile_events (col_hash);
