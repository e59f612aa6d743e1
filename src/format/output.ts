import { stringify } from 'csv-stringify/sync';
import stringWidth from 'string-width';
import { UserError } from '../errors.js';

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

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return String(cell);
}

/** Pads by the columns the text takes on a terminal: a CJK character takes two, a combining mark none. */
function pad(value: string, width: number, align: Column<unknown>['align']): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(value)));
  return align === 'right' ? fill + value : value + fill;
}

/** Columns padded to their widest cell, a rule under the headers; no trailing spaces. */
export function renderTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const cells = rows.map((row) => columns.map((column) => text(column.value(row))));
  const widths = columns.map((column, i) => Math.max(stringWidth(column.header), ...cells.map((line) => stringWidth(line[i]!))));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => pad(value, widths[i]!, columns[i]!.align))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
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

export function write(io: OutputIO, text: string): void {
  // a reader that stops early (`| head`) closes the pipe: what it did not read, it did not want
  io.stdout.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  io.stdout.write(text);
}

/**
 * A list of rows: `json` prints them as they are (an array), `csv` all their fields, and the table the human
 * `columns`, followed by `footer` when there is one.
 */
export function printRows<R extends object>(
  io: OutputIO,
  format: OutputFormat,
  rows: readonly R[],
  columns: readonly Column<R>[],
  options: { footer?: string } = {},
): void {
  if (format === 'json') write(io, `${toJson(rows)}\n`);
  else if (format === 'csv') write(io, rows.length > 0 ? renderCsv(rows, fieldColumns(rows)) : '');
  else write(io, renderTable(rows, columns) + (options.footer ? `${options.footer}\n` : ''));
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
