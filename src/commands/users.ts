import { UserError } from '../errors.js';
import { listUsers, OUTCOMES, USER_SORTS, type Outcome, type UserCursor, type UserRow, type UserSort } from '../sessions/queries.js';
import { titles } from '../format/column-titles.js';
import { formatCount } from '../format/values.js';
import { defineCommand, outputFlags } from './command.js';
import { expectArgs, wholeNumber } from './flag-values.js';
import { lookupFormats, outputFormat, rowWriter, type Column } from '../format/output.js';
import { periodFlags, periodOf } from './period-flags.js';
import { withDatabase } from './with-database.js';

const columns: Column<UserRow>[] = [
  { header: titles.anonymousId, value: (u) => u.anonymousId },
  { header: titles.devices, value: (u) => u.devices, align: 'right' },
  { header: titles.sessions, value: (u) => u.sessions, align: 'right' },
  { header: titles.booked, value: (u) => u.bookingSessions, align: 'right' },
  { header: titles.looked, value: (u) => u.lookedSessions, align: 'right' },
  { header: titles.browsed, value: (u) => u.browsedSessions, align: 'right' },
  { header: titles.seedFlag, value: (u) => u.seedFlagSessions, align: 'right' },
  { header: titles.firstSeen, value: (u) => u.firstSeen },
  { header: titles.lastSeen, value: (u) => u.lastSeen },
];

/** A table is for reading: one screen of users unless --limit; JSON and CSV are for programs, which get every user. */
const TABLE_LIMIT = 50;
/** Users fetched per query while streaming: memory holds one page, however many users there are. */
const PAGE = 5_000;

function oneOf<T extends string>(flag: string, value: unknown, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) throw new UserError(`--${flag} must be one of ${choices.join(', ')}, not "${String(value)}".`, 2);
  return value as T;
}

export const usersCommand = defineCommand({
  name: 'users',
  summary: 'users with their devices, sessions, booked sessions, first and last seen',
  flags: {
    search: { type: 'string', placeholder: 'prefix', description: 'only ids starting with this (any letter case)' },
    outcome: { type: 'string', placeholder: OUTCOMES.join('|'), description: 'only users with a session of this outcome' },
    sort: { type: 'string', default: 'sessions', placeholder: USER_SORTS.join('|'), description: 'highest first by this' },
    limit: { type: 'number', placeholder: 'n', description: `at most this many users (default: ${TABLE_LIMIT} in the table, every user with --json or --csv)` },
    ...periodFlags,
    ...outputFlags,
  },
  examples: ['users --search 5a3f --limit 10', 'users --outcome looked --sort last_seen --json', 'users --from 2020-01-01 --to 2020-01-31'],
  async run(context) {
    expectArgs('users', context.args, []);
    const { flags } = context;
    const format = outputFormat(flags);
    const limit = flags.limit === undefined ? (format === 'table' ? TABLE_LIMIT : undefined) : wholeNumber('limit', flags.limit, 1);
    const options = {
      search: flags.search,
      outcome: oneOf<Outcome>('outcome', flags.outcome, OUTCOMES),
      sort: oneOf<UserSort>('sort', flags.sort, USER_SORTS),
      period: periodOf(context),
    };
    await withDatabase(context, async (db) => {
      const writer = rowWriter(context.io, format, columns, lookupFormats<UserRow>());
      let shown = 0;
      let total = 0;
      let after: UserCursor | undefined;
      do {
        const page = await listUsers(db, { ...options, limit: Math.min(PAGE, (limit ?? Infinity) - shown), after });
        total = page.total;
        if (!(await writer.page(page.rows))) return;
        shown += page.rows.length;
        after = page.next ?? undefined;
      } while (after && shown < (limit ?? Infinity));
      await writer.end(`${formatCount(shown)} of ${formatCount(total)} users`);
      if (shown < total) {
        context.io.stderr.write(`Showing ${formatCount(shown)} of ${formatCount(total)} users: --limit ${total} lists them all, as --json and --csv do without --limit.\n`);
      }
    });
  },
});
