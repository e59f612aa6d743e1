import type { Queryable } from '../db/database.js';
import { UserError } from '../errors.js';

/**
 * A span of time that scopes the stats, the users and a user's sessions: a session belongs to the period in which
 * it starts. Bounds are timestamps as stored ('YYYY-MM-DD HH:MM:SS[.ffffff]', no time zone); `from` is inclusive,
 * `to` exclusive, and null is unbounded.
 */
export interface Period {
  from: string | null;
  to: string | null;
}

export const ALL_TIME: Period = { from: null, to: null };

const DAY_MICROS = 86_400_000_000;
const BOUND = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?)?$/;

export function isAllTime(period: Period): boolean {
  return period.from === null && period.to === null;
}

/** Microseconds since 1970 of a stored timestamp (read as UTC: the data has no time zone). */
function microsOf(timestamp: string): number {
  const m = BOUND.exec(timestamp)!;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = ''] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) * 1000 + Number(fraction.padEnd(6, '0'));
}

function timestampOf(micros: number): string {
  const fraction = ((micros % 1000) + 1000) % 1000;
  const text = new Date((micros - fraction) / 1000).toISOString().replace('T', ' ');
  const [whole, millis] = text.slice(0, -1).split('.');
  const sub = `${millis}${String(fraction).padStart(3, '0')}`.replace(/0+$/, '');
  return sub ? `${whole}.${sub}` : whole!;
}

/**
 * The bound a flag's text stands for. A date alone means its midnight for `from`, and for `to` the whole day is
 * included (the next midnight), so `--from 2020-01-01 --to 2020-01-31` is January.
 */
function parseBound(flag: 'from' | 'to', text: string, name = `--${flag}`): string {
  const m = BOUND.exec(text.trim());
  const invalid = () => new UserError(`${capitalized(name)} must be a date (2020-01-31) or a timestamp (2020-01-31 08:30), not "${text}".`, 2);
  if (!m) throw invalid();
  const [, y, mo, d, h, mi = '0', s = '0'] = m;
  const micros = microsOf(text.trim());
  // Date.UTC rolls 2020-02-30 over into March; a real date comes back as typed
  const back = new Date(Math.floor(micros / 1000));
  if (back.getUTCFullYear() !== +y! || back.getUTCMonth() !== +mo! - 1 || back.getUTCDate() !== +d!) throw invalid();
  if (+mi > 59 || +s > 59 || (h !== undefined && +h > 23)) throw invalid();
  return timestampOf(h === undefined && flag === 'to' ? micros + DAY_MICROS : micros);
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The period of the `--from` / `--to` flags, or a usage error (exit 2) naming the flag (or `names`' words). */
export function periodOfFlags(from: unknown, to: unknown, names = { from: '--from', to: '--to' }): Period {
  const period = {
    from: typeof from === 'string' ? parseBound('from', from, names.from) : null,
    to: typeof to === 'string' ? parseBound('to', to, names.to) : null,
  };
  if (period.from !== null && period.to !== null && microsOf(period.from) >= microsOf(period.to)) {
    throw new UserError(`${capitalized(names.from)} (${String(from)}) must come before ${names.to} (${String(to)}).`, 2);
  }
  return period;
}

/**
 * A period typed in the app: "2020-05-01 to 2020-05-31", one side left empty ("to 2020-05-31"), or one date
 * (that day). Dates and timestamps as for the flags.
 */
export function parseTypedPeriod(typed: string): Period {
  const [from, to, ...rest] = typed.trim().split(/\s+to\s+|^to\s+|\s+to$/);
  const oneDay = to === undefined && /^\d{4}-\d\d-\d\d$/.test(from!);
  if (rest.length > 0 || !typed.trim() || (to === undefined && !oneDay)) throw new UserError(`Type a period as "2020-05-01 to 2020-05-31", not "${typed}".`, 2);
  const names = { from: 'the start', to: 'the end' };
  if (to === undefined) return periodOfFlags(from, from, names);
  return periodOfFlags(from || undefined, to || undefined, names);
}

/** The period of the same length just before this one, or null when this one is open at either end. */
export function previousPeriod(period: Period): Period | null {
  if (period.from === null || period.to === null) return null;
  const from = microsOf(period.from);
  return { from: timestampOf(from - (microsOf(period.to) - from)), to: period.from };
}

const isMidnight = (timestamp: string) => timestamp.length === 10 || timestamp.endsWith(' 00:00:00');
const dayOf = (micros: number) => timestampOf(micros).slice(0, 10);

/** True when the period starts and ends at midnight (or is open there): it is made of whole days. */
export function isWholeDays({ from, to }: Period): boolean {
  return (from === null || isMidnight(from)) && (to === null || isMidnight(to));
}

/** "all time", "2020-01-01 to 2020-01-31" (whole days, the last one included), or the exact bounds. */
export function describePeriod(period: Period): string {
  const { from, to } = period;
  if (from === null && to === null) return 'all time';
  const wholeDays = isWholeDays(period);
  const start = from === null ? null : wholeDays ? from.slice(0, 10) : from;
  const end = to === null ? null : wholeDays ? dayOf(microsOf(to) - DAY_MICROS) : to;
  if (start === null) return wholeDays ? `up to ${end}` : `before ${end}`;
  if (end === null) return `from ${start}`;
  if (wholeDays && start === end) return start;
  return wholeDays ? `${start} to ${end}` : `${start} up to ${end}`;
}

/** The whole days `[from, to)` of a period from `days` days before `lastDay` to `lastDay`, both included. */
export function lastDays(lastDay: string, days: number): Period {
  const to = microsOf(lastDay.slice(0, 10)) + DAY_MICROS;
  return { from: timestampOf(to - days * DAY_MICROS), to: timestampOf(to) };
}

/** One calendar month, 'YYYY-MM'. */
export function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: timestampOf(Date.UTC(y, m - 1, 1) * 1000), to: timestampOf(Date.UTC(y, m, 1) * 1000) };
}

/** The first day with a session, the day of the latest event, and the months between: what the period picker offers. */
export async function dataSpan(db: Queryable): Promise<{ firstDay: string; lastDay: string; months: string[] } | null> {
  const { rows } = await db.query<{ first: string | null; last: string | null }>(
    'SELECT min(started_at)::date::text AS first, max(ended_at)::date::text AS last FROM sessions WHERE NOT ride_aware',
  );
  const { first, last } = rows[0]!;
  if (first === null || last === null) return null;
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let month = first.slice(0, 7); month <= last.slice(0, 7); month = `${y}-${String(m).padStart(2, '0')}`) {
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return { firstDay: first, lastDay: last, months };
}

/** The period as the two query parameters every period-scoped statement takes (null: unbounded). */
export function periodParams(period: Period): [string | null, string | null] {
  return [period.from, period.to];
}
