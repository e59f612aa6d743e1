import type { Queryable } from '../db/database.js';
import { sqlFile } from '../db/sql-files.js';
import { isAllTime, periodParams, type Period } from './period.js';
import { foldKey } from './keys.js';
import { sqlTemplate } from './sql-template.js';
import type { Outcome, UserRow } from './types.js';

const SORT_COLUMNS = {
  sessions: { column: 'sessions', value: (row: UserRow) => row.sessions },
  bookings: { column: 'booking_sessions', value: (row: UserRow) => row.bookingSessions },
  last_seen: { column: 'last_seen', value: (row: UserRow) => row.lastSeen },
  anonymous_id: { column: 'user_key', value: (row: UserRow) => row.userKey },
  devices: { column: 'devices', value: (row: UserRow) => row.devices },
  looked: { column: 'looked_sessions', value: (row: UserRow) => row.lookedSessions },
  browsed: { column: 'browsed_sessions', value: (row: UserRow) => row.browsedSessions },
  seed_flag: { column: 'booked_sessions', value: (row: UserRow) => row.seedFlagSessions },
  first_seen: { column: 'first_seen', value: (row: UserRow) => row.firstSeen },
} as const;

export type UserSort = keyof typeof SORT_COLUMNS;
export const USER_SORTS = Object.keys(SORT_COLUMNS) as readonly UserSort[];

/** Where the next page starts: the last row's sort value and key (keyset pagination, no OFFSET). */
export interface UserCursor {
  value: number | string;
  userKey: string;
}

export interface UserListOptions {
  /** Prefix of the anonymous id, any letter case. */
  search?: string;
  /** Only users with at least one session of this outcome. */
  outcome?: Outcome;
  /** Ties by user key. Default: sessions. */
  sort?: UserSort;
  /** Highest first unless `ascending`. */
  ascending?: boolean;
  limit: number;
  /** The `next` of the previous page, with the same search, outcome, sort and period. */
  after?: UserCursor;
  /** Only sessions starting in this period count, and only users with one are listed. Default: all time. */
  period?: Period;
}

export interface UserPage {
  rows: UserRow[];
  /** Users matching the search and outcome, over all pages. */
  total: number;
  /** Cursor of the following page, or null on the last one. */
  next: UserCursor | null;
}

function prefixPattern(search: string | undefined): string | null {
  if (!search) return null;
  return `${foldKey(search).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One page of users with their session counts, from session_users (seed definition). */
export async function listUsers(db: Queryable, options: UserListOptions): Promise<UserPage> {
  const sort = SORT_COLUMNS[options.sort ?? 'sessions'];
  const pattern = prefixPattern(options.search);
  const outcome = options.outcome ?? null;
  if (options.period && !isAllTime(options.period)) return listPeriodUsers(db, options, sort, pattern);
  const file = options.ascending ? 'sessions_users_page_ascending.sql' : 'sessions_users_page.sql';
  const page = await db.query<UserRow>(sqlTemplate(file, { sort: sort.column }), [
    pattern,
    outcome,
    options.after?.value ?? null,
    options.after?.userKey ?? null,
    options.limit,
  ]);
  const count = await db.query<{ total: number }>(sqlFile('sessions_users_count.sql'), [pattern, outcome]);
  const last = page.rows.at(-1);
  const full = page.rows.length === options.limit;
  return {
    rows: page.rows,
    total: count.rows[0]!.total,
    next: last && full ? { value: sort.value(last), userKey: last.userKey } : null,
  };
}

/** listUsers for a period: counted from the sessions that start in it (session_users holds all time only). */
async function listPeriodUsers(
  db: Queryable,
  options: UserListOptions,
  sort: (typeof SORT_COLUMNS)[UserSort],
  pattern: string | null,
): Promise<UserPage> {
  const sql = sqlTemplate('sessions_users_period.sql', { sort: sort.column, direction: options.ascending ? 'asc' : 'desc' });
  const { rows } = await db.query<UserRow & { total: number }>(sql, [
    pattern,
    options.outcome ?? null,
    options.after?.value ?? null,
    options.after?.userKey ?? null,
    options.limit,
    options.ascending ?? false,
    ...periodParams(options.period!),
  ]);
  const page = rows.filter((row) => row.userKey !== null).map(({ total: _, ...row }) => row);
  const last = page.at(-1);
  return {
    rows: page,
    total: rows[0]?.total ?? 0,
    next: last && page.length === options.limit ? { value: sort.value(last), userKey: last.userKey } : null,
  };
}
