-- After a load: fresh statistics of {{events}} (mobile_events, or one partition of it).
ANALYZE {{events}}
