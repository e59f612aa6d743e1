/** The eight columns of the event log, in file order: the header must be exactly these. */
export const EVENT_COLUMNS = [
  'anonymous_id',
  'business_zoned',
  'context_app_version',
  'context_device_id',
  'context_os_name',
  'event_name',
  'received_at',
  'created_at',
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number];

export const COLUMN_INDEX = Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, i])) as Record<EventColumn, number>;
