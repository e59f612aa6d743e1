import { EVENT_COLUMNS } from '../etl/columns.js';

/** The seed's separator and column order, the ones the loader expects. */
export const SEPARATOR = ';';
export const HEADER = EVENT_COLUMNS.join(SEPARATOR);

const DAY_MS = 86_400_000;
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
const TWO_DIGITS = THREE_DIGITS.slice(0, 60).map((digits) => digits.slice(1));

// Date#toISOString for every timestamp was most of the generator's time; consecutive timestamps share their day.
let lastDay = Number.NaN;
let lastDayPrefix = '';

/** `YYYY-MM-DD HH:MM:SS.mmm`, no zone: the file's timestamps are wall-clock `timestamp`s. */
export function formatTimestamp(epochMs: number): string {
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== lastDay) {
    lastDay = day;
    lastDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11).replace('T', ' ');
  }
  const millisOfDay = epochMs - day * DAY_MS;
  const seconds = Math.floor(millisOfDay / 1000);
  const hh = TWO_DIGITS[Math.floor(seconds / 3600)] as string;
  const mm = TWO_DIGITS[Math.floor(seconds / 60) % 60] as string;
  const ss = TWO_DIGITS[seconds % 60] as string;
  return `${lastDayPrefix}${hh}:${mm}:${ss}.${THREE_DIGITS[millisOfDay % 1000] as string}`;
}
