import { stringify } from 'csv-stringify/sync';
import stringWidth from 'string-width';
import { UserError } from '../errors.js';
import { visible } from './visible.js';

/** Where a command prints: its standard output. */
export interface OutputIO {
  stdout: NodeJS.WritableStream;
}

/** How a lookup command prints: an aligned table for people, or JSON / CSV for programs. */
export type OutputFormat = 'table' | 'json' | 'csv';

type Cell = string | number | boolean | null | undefined;

/** One column of the human table or of the CSV: a header and how to get the cell from a row. */
export interface Column<R> {
  header: string;
  value(row: R): Cell;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

/** One table of a report, its row type hidden so a report can mix tables of different rows. */
export interface Section {
  title: string;
  render(format: 'table' | 'csv'): string;
}

export function section<R>(title: string, rows: readonly R[], columns: readonly Column<R>[]): Section {
  return { title, render: (format) => (format === 'csv' ? renderCsv(rows, columns) : renderTable(rows, columns)) };
}

export function outputFormat(flags: Record<string, unknown>): OutputFormat {
  if (flags.json && flags.csv) throw new UserError('Choose one of --json and --csv.', 2);
  return flags.json ? 'json' : flags.csv ? 'csv' : 'table';
}

/** A cell as the table shows it: control characters made visible (CSV and JSON keep them exact). */
function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return visible(String(cell));
}

/** Pads by the columns the text takes on a terminal: a CJK character takes two, a combining mark none. */
function pad(value: string, width: number, align: Column<unknown>['align']): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(value)));
  return align === 'right' ? fill + value : value + fill;
}

function tableLine<R>(values: readonly string[], columns: readonly Column<R>[], widths: readonly number[]): string {
  return values
    .map((value, i) => pad(value, widths[i]!, columns[i]!.align))
    .join('  ')
    .trimEnd();
}

/** A table's lines for `rows` at the given widths: a wider cell is printed whole and pushes its line's next cells right. */
function tableLines<R>(rows: readonly R[], columns: readonly Column<R>[], widths: readonly number[]): string[] {
  return rows.map((row) => tableLine(columns.map((column) => text(column.value(row))), columns, widths));
}

/** The header, its rule, and the widths: each column as wide as its widest cell among `rows`, or its header. */
function tableHead<R>(rows: readonly R[], columns: readonly Column<R>[]): { head: string[]; widths: number[] } {
  const headers = columns.map((c) => visible(c.header));
  const cells = rows.map((row) => columns.map((column) => text(column.value(row))));
  const widths = columns.map((_, i) => Math.max(stringWidth(headers[i]!), ...cells.map((line) => stringWidth(line[i]!))));
  return { head: [tableLine(headers, columns, widths), tableLine(widths.map((w) => '-'.repeat(w)), columns, widths)], widths };
}

/** Columns padded to their widest cell, a rule under the headers; no trailing spaces. */
export function renderTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const { head, widths } = tableHead(rows, columns);
  return [...head, ...tableLines(rows, columns, widths)].join('\n') + '\n';
}

/** RFC 4180: a header line, then one line per row; fields quoted only when they must be. */
export function renderCsv<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  return stringify([columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => c.value(row)))], {
    cast: { boolean: (value) => String(value) },
  });
}

/**
 * Field names of the JSON and CSV contract where the code's own name says more: `bookedSessions` has counted the
 * seed's flag since the first release, and scripts read it under that name.
 */
const CONTRACT_NAMES: Readonly<Record<string, string>> = { seedFlagSessions: 'bookedSessions' };

const contractName = (field: string) => CONTRACT_NAMES[field] ?? field;

/** JSON under the contract's field names, at any depth. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, field: unknown) =>
      field !== null && typeof field === 'object' && !Array.isArray(field) && Object.keys(field).some((k) => k in CONTRACT_NAMES)
        ? Object.fromEntries(Object.entries(field).map(([k, v]) => [contractName(k), v]))
        : field,
    2,
  );
}

/** Columns named after the rows' own fields, so CSV carries the same data, under the same names, as JSON. */
export function fieldColumns<R extends object>(rows: readonly R[]): Column<R>[] {
  return Object.keys(rows[0] ?? {}).map((field) => ({ header: contractName(field), value: (row) => (row as Record<string, Cell>)[field] }));
}

const guarded = new WeakSet<NodeJS.WritableStream>();

/** A reader that stops early (`| head`) closes the pipe: what it did not read, it did not want. */
function guard(stdout: NodeJS.WritableStream): void {
  if (guarded.has(stdout)) return;
  guarded.add(stdout);
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

function readerGone(stdout: NodeJS.WritableStream): boolean {
  const stream = stdout as NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean };
  return stream.destroyed === true || stream.writableEnded === true;
}

export function write(io: OutputIO, text: string): void {
  guard(io.stdout);
  if (!readerGone(io.stdout)) io.stdout.write(text);
}

/**
 * Writes `text` and waits while the reader is behind, so a stream of rows holds one page in memory however fast
 * the rows come. False once the reader has gone (a closed pipe): the rest is not wanted.
 */
export async function writeInTurn(io: OutputIO, text: string | Uint8Array): Promise<boolean> {
  const { stdout } = io;
  guard(stdout);
  if (readerGone(stdout)) return false;
  if (!stdout.write(text)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        stdout.off('drain', done);
        stdout.off('close', done);
        stdout.off('error', done);
        resolve();
      };
      stdout.on('drain', done);
      stdout.on('close', done);
      stdout.on('error', done);
    });
  }
  return !readerGone(stdout);
}

/** How a row streams as JSON and CSV (the table shows the human columns). */
export interface RowFormats<R> {
  /** One row as a JSON value, on one line or indented by two (inside the array it is indented two more). */
  json(row: R): string;
  /** The CSV's columns, from the first page (a lookup's rows carry their own field names). */
  csv(firstPage: readonly R[]): readonly Column<R>[];
}

/** Rows written as they arrive: `page` for each page, then `end` once. */
export interface RowWriter<R> {
  /** False once the reader has gone: stop fetching. */
  page(rows: readonly R[]): Promise<boolean>;
  /** Closes the JSON array, or prints the table's header if no row came; a table ends with `footer`. */
  end(footer?: string): Promise<void>;
}

/**
 * Streams rows in `format`: JSON as one array written element by element, CSV line by line, and the table with
 * each column as wide as its widest cell in the first page, then fixed (a wider cell later is printed whole and
 * pushes its line's next cells right), so nothing waits for the last row and memory holds one page.
 */
export function rowWriter<R>(io: OutputIO, format: OutputFormat, columns: readonly Column<R>[], formats: RowFormats<R>): RowWriter<R> {
  let count = 0;
  let widths: number[] | undefined;
  let csvColumns: readonly Column<R>[] | undefined;
  return {
    async page(rows) {
      if (rows.length === 0) return !readerGone(io.stdout);
      let text: string;
      if (format === 'json') {
        const items = rows.map((row) => `  ${formats.json(row).replace(/\n/g, '\n  ')}`);
        text = `${count === 0 ? '[\n' : ',\n'}${items.join(',\n')}`;
      } else if (format === 'csv') {
        const header = csvColumns === undefined ? [formats.csv(rows)] : [];
        csvColumns ??= header[0]!;
        const lines = rows.map((row) => csvColumns!.map((c) => c.value(row)));
        text = stringify([...header.map((cs) => cs.map((c) => c.header)), ...lines], { cast: { boolean: (value) => String(value) } });
      } else {
        const head = widths === undefined ? tableHead(rows, columns) : undefined;
        widths ??= head!.widths;
        text = [...(head?.head ?? []), ...tableLines(rows, columns, widths)].join('\n') + '\n';
      }
      count += rows.length;
      return writeInTurn(io, text);
    },
    async end(footer) {
      if (format === 'json') await writeInTurn(io, count === 0 ? '[]\n' : '\n]\n');
      else if (format === 'table') {
        const head = widths === undefined ? `${tableHead([], columns).head.join('\n')}\n` : '';
        await writeInTurn(io, `${head}${footer ? `${footer}\n` : ''}`);
      }
    },
  };
}

/** How a lookup's rows stream: JSON and CSV under the contract's field names. */
export function lookupFormats<R extends object>(): RowFormats<R> {
  return { json: (row) => toJson(row), csv: (rows) => fieldColumns(rows) };
}

/**
 * A list of rows: `json` prints them as they are (an array), `csv` all their fields, and the table the human
 * `columns`, followed by `footer` when there is one.
 */
export async function printRows<R extends object>(
  io: OutputIO,
  format: OutputFormat,
  rows: readonly R[],
  columns: readonly Column<R>[],
  options: { footer?: string } = {},
): Promise<void> {
  const writer = rowWriter(io, format, columns, lookupFormats<R>());
  await writer.page(rows);
  await writer.end(options.footer);
}

/**
 * A report of several tables: `json` prints `value` whole; `csv` one table per section, separated by a blank
 * line; the human form each section under its title.
 */
export function printReport(io: OutputIO, format: OutputFormat, value: unknown, sections: readonly Section[]): void {
  if (format === 'json') write(io, `${toJson(value)}\n`);
  else if (format === 'csv') write(io, sections.map((s) => s.render('csv')).join('\n'));
  else write(io, sections.map((s) => `${s.title}\n${s.render('table')}`).join('\n'));
}
