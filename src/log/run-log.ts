import fs from 'node:fs';
import path from 'node:path';
import { logDir } from '../config/paths.js';
import { describeFileError } from '../errors.js';

/**
 * The run log: one file per day under the log folder, one line per step with its counts and timings.
 * Callers pass only safe values (masked targets, never a password).
 */
/** Returns why the line could not be written, or null: a read-only or full log folder must not fail the load it describes. */
export function appendRunLog(fields: Record<string, string | number | boolean | null>, dir = logDir()): string | null {
  const now = new Date();
  const file = path.join(dir, `session-explorer-${now.toISOString().slice(0, 10)}.log`);
  const line = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' && /\s/.test(value) ? JSON.stringify(value) : value}`)
    .join(' ');
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.appendFileSync(file, `${now.toISOString()} ${line}\n`);
    return null;
  } catch (error) {
    return `Could not write the run log in ${dir} (${describeFileError(error)}).`;
  }
}
