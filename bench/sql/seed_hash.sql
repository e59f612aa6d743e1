-- The seed's post_exec.sql, first half: a row hash for "incremental" loads, added after the load by rewriting every
-- row. Kept as the seed wrote it, context_device_id listed twice included.
ALTER TABLE mobile_events ADD COLUMN col_hash text;

UPDATE mobile_events
SET col_hash = md5(ROW(anonymous_id, business_zoned, context_app_version, context_device_id, context_device_id,
                       context_os_name, event_name, received_at, created_at)::text)
WHERE col_hash IS NULL;
