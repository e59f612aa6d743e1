import { parse } from 'csv-parse/sync';
import type { TextLine } from './text-lines.js';

export interface SourceRecord {
  fields: string[];
  /** Line of the file on which the record ends (1 is the header). */
  line: number;
  raw: string;
  /** Set when the record cannot be read at all (quotes, bytes, length): why it is a reject, kept whole. */
  reject?: string;
}

/**
 * A line of valid UTF-8 without quotes or line break, not blank, still as bytes (`bytes[start, end)`, without a
 * trailing `\r`): the loader splits it on `;` itself, or makes a record of it with `plainRecord`.
 */
export interface ByteLine {
  bytes: Buffer;
  start: number;
  end: number;
  line: number;
}

/** What the reader yields: a record, or a line left as bytes. */
export type SourceRow = SourceRecord | ByteLine;

/** The record of a line without quotes, or null for a blank line (not a record). */
export function plainRecord(text: string, line: number): SourceRecord | null {
  return text.trim() === '' ? null : { fields: text.split(';'), line, raw: text };
}

/** The first byte at [from, to) that is not ASCII white space as String.prototype.trim sees it, or `to`. */
export function firstNonSpace(bytes: Buffer, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = bytes[i]!;
    if (c !== 32 && (c < 9 || c > 13)) break;
    i++;
  }
  return i;
}

const MALFORMED = 'malformed quotes';

/** A quoted field may run over this many lines; past that the opening quote is taken as a stray one. */
export const MAX_QUOTED_LINES = 1000;
/** ...and over this many characters in all, so a stray quote never holds more than this in memory. */
export const MAX_QUOTED_CHARS = 1 << 20;

function quoteCount(line: string): number {
  let count = 0;
  for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) count++;
  return count;
}

/**
 * Turns lines into records. A line without a quote is split on `;` directly: that is nearly every line of an
 * event log, and csv-parse takes several times longer over it (see docs/benchmarks.md). Lines with quotes go to
 * csv-parse, which owns the quoting rules (`""` escapes, `;` and line breaks inside quotes); an odd number of
 * quotes means a quoted field goes on over the next line, so lines are gathered until the quotes balance.
 */
export class RecordSplitter {
  private lineNumber = 0;
  /** Lines of a quoted field still open, with their line numbers. */
  private pending: { text: string; line: number }[] = [];
  private pendingQuotes = 0;
  private pendingChars = 0;

  /** One line of the file without its line break. A line that is already a reject ends a quoted field left open. */
  *push(text: TextLine): Generator<SourceRecord> {
    const line = ++this.lineNumber;
    if (typeof text !== 'string') {
      if (this.pending.length > 0) yield* this.strayQuote();
      yield { fields: [], line, raw: text.raw, reject: text.reject };
      return;
    }
    yield* this.take(text.endsWith('\r') ? text.slice(0, -1) : text, line);
  }

  /** No quoted field is open: the next line starts a record. */
  get idle(): boolean {
    return this.pending.length === 0;
  }

  /** Counts a line that the reader takes as bytes (only while idle); returns its number. */
  skip(): number {
    return ++this.lineNumber;
  }

  /** At the end of the file, a quote still open makes its lines one malformed record. */
  *end(): Generator<SourceRecord> {
    if (this.pending.length > 0) yield* this.flushPending();
  }

  private *take(text: string, line: number): Generator<SourceRecord> {
    if (this.pending.length === 0 && text.indexOf('"') === -1) {
      const record = plainRecord(text, line);
      if (record !== null) yield record;
      return;
    }
    this.pending.push({ text, line });
    this.pendingQuotes += quoteCount(text);
    this.pendingChars += text.length;
    if (this.pendingQuotes % 2 === 0) {
      yield* this.flushPending();
    } else if (this.pending.length > MAX_QUOTED_LINES || this.pendingChars > MAX_QUOTED_CHARS) {
      yield* this.strayQuote();
    }
  }

  /** Bounded memory: the first line's quote never closes; reject that line, read the others afresh. */
  private *strayQuote(): Generator<SourceRecord> {
    const [first, ...rest] = this.pending;
    this.pending = [];
    this.pendingQuotes = 0;
    this.pendingChars = 0;
    yield { fields: [], line: first!.line, raw: first!.text, reject: MALFORMED };
    for (const next of rest) yield* this.take(next.text, next.line);
  }

  private *flushPending(): Generator<SourceRecord> {
    const lines = this.pending;
    this.pending = [];
    this.pendingQuotes = 0;
    this.pendingChars = 0;
    const text = lines.map((l) => l.text).join('\n');
    let parsed: { record: string[]; info: { lines: number }; raw: string }[];
    try {
      parsed = parse(text, {
        delimiter: ';',
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        info: true,
        raw: true,
      }) as unknown as typeof parsed;
    } catch {
      yield { fields: [], line: lines[lines.length - 1]!.line, raw: text, reject: MALFORMED };
      return;
    }
    for (const { record, info, raw } of parsed) {
      if (record.length === 1 && record[0]!.trim() === '') continue;
      yield { fields: record, line: lines[0]!.line + info.lines - 1, raw: raw.replace(/^\n+|\n+$/g, '') };
    }
  }
}
