/** How numbers, sizes and durations read, the same in the app, the commands' tables and the bench. */

import type { LoadProgress } from '../etl/events.js';

const thousands = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return thousands.format(value);
}

/** "rows 41-80 of 12,345" (1-based, inclusive), or "no rows". */
export function rowsLabel(top: number, visible: number, total: number): string {
  if (total === 0 || visible === 0) return 'no rows';
  return `rows ${formatCount(top + 1)}-${formatCount(Math.min(total, top + visible))} of ${formatCount(total)}`;
}

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** 850ms, 4.2s, 3m07s, 1h02m: short enough for a status line. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s).padStart(2, '0')}s`;
}

/** A duration the database gives in seconds (NULL when it does not apply, e.g. a session that never booked). */
export function formatSeconds(seconds: number | null, missing = '-'): string {
  return seconds === null ? missing : formatDuration(seconds * 1000);
}

/** A gap in whole minutes, short: +4m, +15h29m, +16d. */
export function formatGap(minutes: number): string {
  if (minutes < 60) return `+${minutes}m`;
  if (minutes < 48 * 60) return `+${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
  return `+${Math.floor(minutes / (24 * 60))}d`;
}

/** "1 row", "2,000 rows". */
export function counted(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.1 ? 1 : 0)}%`;
}

/** What this run has loaded so far and in what time: after a resume, from where it passed the committed lines. */
function ownPart(progress: LoadProgress): { rows: number; bytes: number; ms: number } {
  const from = progress.resumedAt ?? { read: 0, bytesRead: 0, elapsedMs: 0 };
  return { rows: progress.read - from.read, bytes: progress.bytesRead - from.bytesRead, ms: progress.elapsedMs - from.elapsedMs };
}

export function rowsPerSecond(progress: LoadProgress): number {
  const own = ownPart(progress);
  return own.ms > 0 ? (own.rows * 1000) / own.ms : 0;
}

/** Share of the file read so far: bytes are known up front, rows are not. */
export function loadFraction(progress: LoadProgress): number {
  return progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : 0;
}

/** Time left at this run's byte rate so far; undefined until there is a rate to go by. */
export function estimatedRemainingMs(progress: LoadProgress): number | undefined {
  const own = ownPart(progress);
  if (own.bytes <= 0 || own.ms <= 0) return undefined;
  return ((progress.totalBytes - progress.bytesRead) * own.ms) / own.bytes;
}

/**
 * The numbers of a running load on one line, shared by the TUI and the plain reporter: what matters most first
 * (rows, share, ETA), so that a narrow terminal cuts the least useful figures.
 */
export function progressLine(progress: LoadProgress): string {
  const bytes = `${formatBytes(progress.bytesRead)} of ${formatBytes(progress.totalBytes)}`;
  const share = formatPercent(loadFraction(progress));
  if (progress.skippingCommitted) return `passing the ${formatCount(progress.read)} rows loaded before: ${bytes} (${share})`;
  const eta = estimatedRemainingMs(progress);
  return [
    `${formatCount(progress.read)} rows read (${share})`,
    `ETA ${eta === undefined ? '--' : formatDuration(eta)}`,
    `${formatCount(Math.round(rowsPerSecond(progress)))} rows/s`,
    bytes,
    `elapsed ${formatDuration(progress.elapsedMs)}`,
  ].join(', ');
}

/** The counts of the batches committed so far: the rows read lead them by the batches in flight. */
export function countsLine(counts: { inserted: number; duplicates: number; rejected: number }): string {
  return `committed: ${formatCount(counts.inserted)} new, ${formatCount(counts.duplicates)} duplicates, ${formatCount(counts.rejected)} rejected`;
}

/**
 * A timestamp as PostgreSQL prints it, its fraction of a second given all three digits (`09:53:32.640`, not
 * `.64`), so that the times of a column line up.
 */
export function formatTimestamp(timestamp: string): string {
  return timestamp.replace(/\.(\d{1,2})$/, (_, digits: string) => `.${digits.padEnd(3, '0')}`);
}

/** A change in percentage points, signed: "+1.2 points". */
export function formatPoints(points: number | null): string {
  if (points === null) return 'n/a';
  const rounded = Math.round(points * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '-' : '±'}${Math.abs(rounded).toFixed(1)} points`;
}
