import fs from 'node:fs';
import path from 'node:path';
import { fieldColumns, renderCsv, toJson } from '../format/output.js';

export type ExportFormat = 'csv' | 'json';

/** "csv", "c", "" (the default) or "json", "j": anything else is a clear error. */
export function parseExportFormat(typed: string): ExportFormat {
  const value = typed.trim().toLowerCase();
  if (value === '' || value === 'c' || value === 'csv') return 'csv';
  if (value === 'j' || value === 'json') return 'json';
  throw new Error(`Unknown export format "${typed.trim()}"; type csv or json.`);
}

function stamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
}

/**
 * Writes the rows of the list on screen to `<dir>/session-explorer-<what>-<time>.<format>`, with the same field
 * names as the commands' --json and --csv; returns the file's path.
 */
export function exportRows<R extends object>(rows: readonly R[], what: string, format: ExportFormat, dir: string, now = new Date()): string {
  const file = path.resolve(dir, `session-explorer-${what}-${stamp(now)}.${format}`);
  fs.writeFileSync(file, format === 'json' ? `${toJson(rows)}\n` : renderCsv(rows, fieldColumns(rows)));
  return file;
}
