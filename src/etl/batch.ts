import { hash as digest } from 'node:crypto';
import { COLUMN_INDEX, EVENT_COLUMNS } from './columns.js';
import { foldAsciiByte, foldKey } from '../sessions/keys.js';
import { firstNonSpace, plainRecord, type ByteLine, type SourceRecord, type SourceRow } from './record-splitter.js';
import { isNormalTimestamp } from './timestamp.js';
import { validateRecord } from './validate.js';

export interface Reject {
  line: number;
  reason: string;
  raw: string;
}

/**
 * The longest id kept, in bytes: the keys go into btree indexes together (sessions, dirty keys), and a btree
 * entry holds at most about 2,700 bytes. A longer id is no real id; it is rejected before COPY with this reason.
 */
export const MAX_ID_BYTES = 1000;

/** Columns the COPY fills, in the order of a row's COPY line (CSV, `;`-separated: an unquoted empty field is NULL). */
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

const SEMICOLON = 0x3b;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const SEPARATORS = EVENT_COLUMNS.length - 1;
const USER = COLUMN_INDEX.anonymous_id;
const DEVICE = COLUMN_INDEX.context_device_id;
const EVENT = COLUMN_INDEX.event_name;
const RECEIVED = COLUMN_INDEX.received_at;
const CREATED = COLUMN_INDEX.created_at;
/** What a COPY line adds to the line at most: `;` and the two keys, hash, run id and line number. */
const MAX_TAIL_BYTES = 2 * MAX_ID_BYTES + 2 + 32 + 2 * 20 + 6;

function isAscii(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** Writes the decimal digits of a positive integer at `at`; returns the position after them. */
function writeNumber(data: Buffer, at: number, value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  for (let i = at + digits - 1, rest = value; i >= at; i--, rest = Math.floor(rest / 10)) data[i] = 48 + (rest % 10);
  return at + digits;
}

/** Whether bytes[from, to) are plainly not blank: their first byte that is not ASCII white space is ASCII. */
function plainlyNotBlank(bytes: Buffer, from: number, to: number): boolean {
  const first = firstNonSpace(bytes, from, to);
  return first < to && bytes[first]! < 0x80;
}

/** A row that passed validation, as its COPY line in its batch's buffer. */
export class BatchRow {
  constructor(
    readonly batch: Batch,
    readonly line: number,
    /** md5 of the eight fields as read, 32 hex digits: the identity of a delivery. */
    readonly hash: string,
    /** Where its COPY line is in the batch's buffer. */
    readonly start: number,
    readonly end: number,
    /** Raw text and keys of a row made from strings; a row read as bytes has them in its COPY line. */
    private readonly text: { raw: string; userKey: string; deviceKey: string } | null,
  ) {}

  /** The COPY line (CSV, `;`-separated, `\n`-ended), ready to send. */
  get copyLine(): Buffer {
    return this.batch.copyData.subarray(this.start, this.end);
  }

  /**
   * A row read as bytes went to COPY as read, then `;user key;device key;hash;run;line` (keys without `;` or
   * quotes, the device key `""` when empty): its parts are found from the end of the line.
   */
  private tail(): { rawEnd: number; userKey: string; deviceKey: string } {
    const data = this.batch.copyData;
    const before = (at: number) => data.lastIndexOf(SEMICOLON, at - 1);
    const hashSeparator = before(before(before(this.end)));
    const deviceSeparator = before(hashSeparator);
    const userSeparator = before(deviceSeparator);
    const device = data.toString('latin1', deviceSeparator + 1, hashSeparator);
    return {
      rawEnd: userSeparator,
      userKey: data.toString('latin1', userSeparator + 1, deviceSeparator),
      deviceKey: device === '""' ? '' : device,
    };
  }

  get raw(): string {
    return this.text?.raw ?? this.batch.copyData.toString('utf8', this.start, this.tail().rawEnd);
  }

  get userKey(): string {
    return this.text?.userKey ?? this.tail().userKey;
  }

  /** '' for a row without a device id. */
  get deviceKey(): string {
    return this.text?.deviceKey ?? this.tail().deviceKey;
  }
}

/** The COPY data of `rows`: one slice of their batch when they follow each other there, as they nearly always do. */
export function copyData(rows: readonly BatchRow[]): Buffer {
  const first = rows[0];
  if (first === undefined) return Buffer.alloc(0);
  const sameBatch = rows.every((row, i) => i === 0 || (row.batch === first.batch && row.start === rows[i - 1]!.end));
  return sameBatch ? first.batch.copyData.subarray(first.start, rows[rows.length - 1]!.end) : Buffer.concat(rows.map((r) => r.copyLine));
}

/**
 * Records read since the last commit: valid rows, distinct by hash, and rejects. The rows' COPY lines are written
 * into one buffer as they come; a line read as bytes that is valid as it stands (nearly every line of a real log)
 * is copied there as read, with no string made of it.
 */
export class Batch {
  readonly rows: BatchRow[] = [];
  readonly rejects: Reject[] = [];
  /** Rows equal to an earlier row of this same batch. */
  repeats = 0;
  read = 0;
  lastLine = 0;
  private readonly seen = new Set<string>();
  private data = Buffer.allocUnsafe(1 << 20);
  private size = 0;
  /** Positions of the seven separators of the line being read as bytes. */
  private readonly separators = new Int32Array(SEPARATORS);
  private readonly runText: string;

  constructor(private readonly runId: number) {
    this.runText = String(runId);
  }

  /** The COPY lines of the rows, one after the other. */
  get copyData(): Buffer {
    return this.data.subarray(0, this.size);
  }

  add(row: SourceRow): void {
    this.read++;
    this.lastLine = row.line;
    if ('fields' in row) this.addRecord(row);
    else if (!this.addBytes(row)) this.addRecord(plainRecord(row.bytes.toString('utf8', row.start, row.end), row.line)!);
  }

  private reserve(bytes: number): void {
    if (this.size + bytes <= this.data.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.data.length * 2, this.size + bytes));
    this.data.copy(bigger, 0, 0, this.size);
    this.data = bigger;
  }

  /**
   * The same row `addRecord` would make of this line, made from its bytes, when the line is valid as it stands:
   * eight fields, ids in ASCII, both timestamps already in the form PostgreSQL stores, no NUL or carriage return.
   * Returns false, having changed nothing, for any other line: `addRecord` judges it.
   */
  private addBytes({ bytes, start, end, line }: ByteLine): boolean {
    // Copied to where its COPY line would go while it is scanned: kept only if the row is kept.
    this.reserve(end - start + MAX_TAIL_BYTES);
    const data = this.data;
    const sep = this.separators;
    const rowStart = this.size;
    let at = rowStart;
    let count = 0;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      data[at++] = c;
      if (c === SEMICOLON) {
        if (count === SEPARATORS) return false;
        sep[count++] = i;
      } else if (c >= 0x80) ascii = false;
      else if (c === 0 || c === 0x0d) return false;
    }
    if (count !== SEPARATORS) return false;
    const userFrom = start;
    const userTo = sep[USER]!;
    const deviceFrom = sep[DEVICE - 1]! + 1;
    const deviceTo = sep[DEVICE]!;
    if (userTo - userFrom > MAX_ID_BYTES || deviceTo - deviceFrom > MAX_ID_BYTES) return false;
    if (!plainlyNotBlank(bytes, userFrom, userTo) || !plainlyNotBlank(bytes, sep[EVENT - 1]! + 1, sep[EVENT]!)) return false;
    if (!isNormalTimestamp(bytes, sep[RECEIVED - 1]! + 1, sep[RECEIVED]!) || !isNormalTimestamp(bytes, sep[CREATED - 1]! + 1, end)) return false;
    if (!ascii && (!isAscii(bytes, userFrom, userTo) || !isAscii(bytes, deviceFrom, deviceTo))) return false;

    // Valid: the hash over the line's bytes (a string of ASCII bytes is the same bytes again in UTF-8).
    const hash = digest('md5', bytes.toString(ascii ? 'latin1' : 'utf8', start, end));
    if (this.seen.has(hash)) {
      this.repeats++;
      return true;
    }
    this.seen.add(hash);
    data[at++] = SEMICOLON;
    for (let i = userFrom; i < userTo; i++) data[at++] = foldAsciiByte(bytes[i]!);
    data[at++] = SEMICOLON;
    if (deviceTo === deviceFrom) {
      data[at++] = QUOTE;
      data[at++] = QUOTE;
    }
    for (let i = deviceFrom; i < deviceTo; i++) data[at++] = foldAsciiByte(bytes[i]!);
    data[at++] = SEMICOLON;
    at += data.write(hash, at, 'latin1');
    data[at++] = SEMICOLON;
    at += data.write(this.runText, at, 'latin1');
    data[at++] = SEMICOLON;
    at = writeNumber(data, at, line);
    data[at++] = NEWLINE;
    this.size = at;
    this.rows.push(new BatchRow(this, line, hash, rowStart, at, null));
    return true;
  }

  private addRecord(record: SourceRecord): void {
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
    const asRead = raw.indexOf('"') === -1 && fields[COLUMN_INDEX.created_at] === created && fields[COLUMN_INDEX.received_at] === received;
    const copyLine = `${asRead ? raw : csvLine(fields)};${csvText(userKey)};${csvText(deviceKey)};${hash};${this.runId};${record.line}\n`;
    const rowStart = this.size;
    this.reserve(Buffer.byteLength(copyLine));
    this.size += this.data.write(copyLine, rowStart, 'utf8');
    this.rows.push(new BatchRow(this, record.line, hash, rowStart, this.size, { raw, userKey, deviceKey }));
  }

  /** Rows that passed validation, repeats included. */
  get valid(): number {
    return this.rows.length + this.repeats;
  }
}
