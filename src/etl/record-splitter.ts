import { parse } from 'csv-parse/sync';

export interface SourceRecord {
  fields: string[];
  /** Line of the file on which the record ends (1 is the header). */
  line: number;
  raw: string;
  /** Set when the quotes of these lines cannot be read at all: the record is a reject, kept whole. */
  malformed?: true;
}

/** A quoted field may run over this many lines; past that the opening quote is taken as a stray one. */
export const MAX_QUOTED_LINES = 1000;

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

  /** `text` is one line of the file without its line break. */
  *push(text: string): Generator<SourceRecord> {
    yield* this.take(text.endsWith('\r') ? text.slice(0, -1) : text, ++this.lineNumber);
  }

  /** At the end of the file, a quote still open makes its lines one malformed record. */
  *end(): Generator<SourceRecord> {
    if (this.pending.length > 0) yield* this.flushPending();
  }

  private *take(text: string, line: number): Generator<SourceRecord> {
    if (this.pending.length === 0 && text.indexOf('"') === -1) {
      if (text.trim() !== '') yield { fields: text.split(';'), line, raw: text };
      return;
    }
    this.pending.push({ text, line });
    this.pendingQuotes += quoteCount(text);
    if (this.pendingQuotes % 2 === 0) {
      yield* this.flushPending();
    } else if (this.pending.length > MAX_QUOTED_LINES) {
      // Bounded memory: the first line's quote never closes; reject that line, read the others afresh.
      const [first, ...rest] = this.pending;
      this.pending = [];
      this.pendingQuotes = 0;
      yield { fields: [], line: first!.line, raw: first!.text, malformed: true };
      for (const next of rest) yield* this.take(next.text, next.line);
    }
  }

  private *flushPending(): Generator<SourceRecord> {
    const lines = this.pending;
    this.pending = [];
    this.pendingQuotes = 0;
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
      yield { fields: [], line: lines[lines.length - 1]!.line, raw: text, malformed: true };
      return;
    }
    for (const { record, info, raw } of parsed) {
      if (record.length === 1 && record[0]!.trim() === '') continue;
      yield { fields: record, line: lines[0]!.line + info.lines - 1, raw: raw.replace(/^\n+|\n+$/g, '') };
    }
  }
}
