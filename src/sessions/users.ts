import type { Queryable } from '../db/database.js';
import { sqlFile } from '../db/sql-files.js';
import { sqlTemplate } from './sql-template.js';
import type { Outcome, UserRow } from './types.js';

export type UserSort = 'sessions' | 'bookings' | 'last_seen';
export const USER_SORTS: readonly UserSort[] = ['sessions', 'bookings', 'last_seen'];

const SORT_COLUMNS: Record<UserSort, { column: string; value(row: UserRow): number | string }> = {
  sessions: { column: 'sessions', value: (row) => row.sessions },
  bookings: { column: 'booking_sessions', value: (row) => row.bookingSessions },
  last_seen: { column: 'last_seen', value: (row) => row.lastSeen },
};

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
  /** Highest first; ties by user key. Default: sessions. */
  sort?: UserSort;
  limit: number;
  /** The `next` of the previous page, with the same search, outcome and sort. */
  after?: UserCursor;
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
  return `${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One page of users with their session counts, from session_users (seed definition). */
export async function listUsers(db: Queryable, options: UserListOptions): Promise<UserPage> {
  const sort = SORT_COLUMNS[options.sort ?? 'sessions'];
  const pattern = prefixPattern(options.search);
  const outcome = options.outcome ?? null;
  const page = await db.query<UserRow>(sqlTemplate('sessions_users_page.sql', { sort: sort.column }), [
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
