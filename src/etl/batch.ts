import { hash as digest } from 'node:crypto';
import { COLUMN_INDEX, EVENT_COLUMNS } from './columns.js';
import { foldKey } from '../sessions/keys.js';
import type { SourceRecord } from './record-splitter.js';
import { validateRecord } from './validate.js';

export interface Reject {
  line: number;
  reason: string;
  raw: string;
}

export interface BatchRow {
  /** md5 of the eight fields as read, 32 hex digits: the identity of a delivery. */
  hash: string;
  /** The COPY line (CSV, `;`-separated), ready to send. */
  copyLine: string;
  userKey: string;
  /** '' for a row without a device id. */
  deviceKey: string;
  line: number;
  raw: string;
}

/**
 * The longest id kept, in bytes: the keys go into btree indexes together (sessions, dirty keys), and a btree
 * entry holds at most about 2,700 bytes. A longer id is no real id; it is rejected before COPY with this reason.
 */
export const MAX_ID_BYTES = 1000;

/** Columns the COPY fills, in the order of `BatchRow.copyLine` (CSV, `;`-separated: an unquoted empty field is NULL). */
export const COPY_COLUMNS = [...EVENT_COLUMNS, 'user_key', 'device_key', 'row_hash', 'load_run_id', 'source_line'];

const NEEDS_QUOTES = /[;"\r\n]/;

/**
 * What the row hash is taken over: the eight fields as read, before validation normalises timestamps, so a
 * double delivery hashes the same. Joined by `;` (for an unquoted line, the line itself: no copy), or by a
 * control character when a field holds a `;`, so that different fields can never join to the same text.
 */
function hashInput({ fields, raw }: SourceRecord): string {
  if (raw.indexOf('"') === -1) return raw;
  return fields.some((f) => f.includes(';')) ? fields.join('\x1f') : fields.join(';');
}

/** The fields as a `;`-separated CSV line for COPY: an empty optional field unquoted (NULL), others quoted as needed. */
function csvLine(fields: readonly string[]): string {
  return fields.map((v) => (NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(';');
}
/** A value that must not read as NULL: quoted when empty. */
function csvText(value: string): string {
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function tooLongId(key: string, column: string): string | null {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: the exact count is needed only near the limit
  if (key.length * 3 <= MAX_ID_BYTES) return null;
  const bytes = Buffer.byteLength(key);
  return bytes > MAX_ID_BYTES ? `${column} longer than ${MAX_ID_BYTES} bytes (${bytes})` : null;
}


/** Records read since the last commit: valid rows, distinct by hash, and rejects. */
export class Batch {
  readonly rows: BatchRow[] = [];
  readonly rejects: Reject[] = [];
  /** Rows equal to an earlier row of this same batch. */
  repeats = 0;
  read = 0;
  lastLine = 0;
  private readonly seen = new Set<string>();

  constructor(private readonly runId: number) {}

  add(record: SourceRecord): void {
    this.read++;
    this.lastLine = record.line;
    const { fields, raw } = record;
    const hash = record.reject !== undefined ? '' : digest('md5', hashInput(record));
    const created = fields[COLUMN_INDEX.created_at];
    const received = fields[COLUMN_INDEX.received_at];
    const reason = record.reject ?? validateRecord(fields);
    if (reason !== null) {
      // PostgreSQL text cannot hold NUL: the rejects keep it as a visible `\0`.
      this.rejects.push({ line: record.line, reason, raw: raw.replaceAll('\0', '\\0') });
      return;
    }
    const userKey = foldKey(fields[COLUMN_INDEX.anonymous_id]!);
    const deviceKey = foldKey(fields[COLUMN_INDEX.context_device_id]!);
    const tooLong = tooLongId(userKey, 'anonymous_id') ?? tooLongId(deviceKey, 'context_device_id');
    if (tooLong !== null) {
      this.rejects.push({ line: record.line, reason: tooLong, raw });
      return;
    }
    if (this.seen.has(hash)) {
      this.repeats++;
      return;
    }
    this.seen.add(hash);
    // Nearly every line can go to COPY as it was read: no quotes, timestamps already in PostgreSQL's form.
    const asRead = raw.indexOf('"') === -1 && fields[COLUMN_INDEX.created_at] === created && fields[COLUMN_INDEX.received_at] === received;
    this.rows.push({
      line: record.line,
      raw,
      hash,
      copyLine: `${asRead ? raw : csvLine(fields)};${csvText(userKey)};${csvText(deviceKey)};${hash};${this.runId};${record.line}\n`,
      userKey,
      deviceKey,
    });
  }

  /** Rows that passed validation, repeats included. */
  get valid(): number {
    return this.rows.length + this.repeats;
  }
}
