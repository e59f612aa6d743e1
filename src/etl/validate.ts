import { COLUMN_INDEX, EVENT_COLUMNS } from './columns.js';
import { normalizeTimestamp } from './timestamp.js';

const REQUIRED = [COLUMN_INDEX.anonymous_id, COLUMN_INDEX.event_name];
const TIMESTAMPS = [COLUMN_INDEX.created_at, COLUMN_INDEX.received_at];

/**
 * Checks one record of the file. Returns why it is rejected, or null when it is good, in which case its
 * timestamps have been normalised in place (one array per row, not two, on the load's hot path).
 */
export function validateRecord(fields: string[]): string | null {
  if (fields.length !== EVENT_COLUMNS.length) return `expected ${EVENT_COLUMNS.length} fields, found ${fields.length}`;
  for (const i of REQUIRED) {
    if (fields[i]!.trim() === '') return `missing ${EVENT_COLUMNS[i]}`;
  }
  for (const i of TIMESTAMPS) {
    const raw = fields[i]!;
    if (raw.trim() === '') return `missing ${EVENT_COLUMNS[i]}`;
    const normalized = normalizeTimestamp(raw);
    if (normalized === null) return `unparsable ${EVENT_COLUMNS[i]}`;
    fields[i] = normalized;
  }
  for (const field of fields) {
    if (field.includes('\0')) return 'contains a NUL byte';
  }
  return null;
}
