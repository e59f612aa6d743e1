import { hash as digest } from 'node:crypto';
import { copyText } from '../db/database.js';
import { COLUMN_INDEX, EVENT_COLUMNS } from './columns.js';
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
  /** The COPY text line, ready to send. */
  copyLine: string;
  anonymousId: string;
  deviceId: string;
}

/** Columns the COPY fills, in the order of `BatchRow.copyLine`. */
export const COPY_COLUMNS = [...EVENT_COLUMNS, 'row_hash', 'load_run_id', 'source_line'];

const OPTIONAL = new Set<number>(
  (['business_zoned', 'context_app_version', 'context_device_id', 'context_os_name'] as const).map((c) => COLUMN_INDEX[c]),
);
const FIELD_SEPARATOR = '\x1f';
const MALFORMED = 'malformed quotes';

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
    // The identity of a delivery is the eight fields as read, before validation normalises timestamps.
    const hash = record.malformed ? '' : digest('md5', record.fields.join(FIELD_SEPARATOR));
    const reason = record.malformed ? MALFORMED : validateRecord(record.fields);
    if (reason !== null) {
      // PostgreSQL text cannot hold NUL: the rejects keep it as a visible `\0`.
      this.rejects.push({ line: record.line, reason, raw: record.raw.replaceAll('\0', '\\0') });
      return;
    }
    if (this.seen.has(hash)) {
      this.repeats++;
      return;
    }
    this.seen.add(hash);
    const fields = record.fields;
    let copyLine = '';
    for (let i = 0; i < fields.length; i++) {
      const value = fields[i]!;
      copyLine += `${copyText(value === '' && OPTIONAL.has(i) ? null : value)}\t`;
    }
    this.rows.push({
      hash,
      copyLine: `${copyLine}${hash}\t${this.runId}\t${record.line}\n`,
      anonymousId: fields[COLUMN_INDEX.anonymous_id]!,
      deviceId: fields[COLUMN_INDEX.context_device_id]!,
    });
  }

  /** Rows that passed validation, repeats included. */
  get valid(): number {
    return this.rows.length + this.repeats;
  }
}
