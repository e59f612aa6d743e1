-- After a load, on {{events}} (mobile_events, or one partition of it): the session sort key's index. Built once, a
-- partition at a time on as many connections as there are cores, then on the whole table, which only attaches the
-- partitions' ones; kept up to date by later loads.
CREATE INDEX IF NOT EXISTS {{events}}_session_key ON {{events}} (user_key, device_key, created_at)
