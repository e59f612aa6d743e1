-- The baseline's table: the seed's eight CSV columns and nothing else (the seed's pre_exec.sql, with text instead of
-- its varchar(n), whose lengths fit the seed's own cities but not every synthetic one).
CREATE TABLE mobile_events (
  anonymous_id        text,
  business_zoned      text,
  context_app_version text,
  context_device_id   text,
  context_os_name     text,
  event_name          text,
  received_at         timestamp NOT NULL,
  created_at          timestamp NOT NULL
);
