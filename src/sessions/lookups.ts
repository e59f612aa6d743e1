import type { Queryable } from '../db/database.js';
import { sqlFile } from '../db/sql-files.js';
import { UserError } from '../errors.js';
import { ALL_TIME, periodParams, type Period } from './period.js';
import { foldKey } from './keys.js';
import type { EventRow, SessionRow } from './types.js';

/** The id matched no user: the commands exit 1 with this message, the TUI shows it. */
export class UnknownUserError extends UserError {
  constructor(readonly anonymousId: string) {
    super(`No user with anonymous_id "${anonymousId}" in this database.`);
  }
}

export interface SessionLookupOptions {
  /** Sessions that do not split between a ride's start and its end, instead of the seed's. */
  rideAware?: boolean;
}

export interface UserSessionsOptions extends SessionLookupOptions {
  /** Only sessions starting in this period. Default: all time. */
  period?: Period;
}

export interface EventLookupOptions extends SessionLookupOptions {
  /** Only this session (its index); all sessions when omitted. */
  session?: number;
  /** Only this device (any letter case); all devices when omitted. */
  device?: string;
}

/** The key of an id as the loader stored it: ids differ in case between iOS and Android, keys do not. */
async function userKeyOf(db: Queryable, anonymousId: string): Promise<string> {
  const key = foldKey(anonymousId);
  const { rows } = await db.query<{ known: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM session_users WHERE user_key = $1) AS known',
    [key],
  );
  if (!rows[0]!.known) throw new UnknownUserError(anonymousId);
  return key;
}

/** A user's sessions on all their devices, by device then index. Throws UnknownUserError. */
export async function userSessions(db: Queryable, anonymousId: string, options: UserSessionsOptions = {}): Promise<SessionRow[]> {
  const userKey = await userKeyOf(db, anonymousId);
  const { rows } = await db.query<SessionRow>(sqlFile('sessions_of_user.sql'), [
    userKey,
    options.rideAware ?? false,
    ...periodParams(options.period ?? ALL_TIME),
  ]);
  return rows;
}

function describeSelection(anonymousId: string, options: EventLookupOptions): string {
  const session = options.session === undefined ? 'no sessions' : `no session ${options.session}`;
  return `User "${anonymousId}" has ${session}${options.device === undefined ? '' : ` on device "${options.device}"`}.`;
}

/**
 * A user's events in time order with their session, the gap before each and the event that decided each
 * session's outcome. Throws UnknownUserError, or a UserError when the session or device matches nothing.
 */
export async function sessionEvents(db: Queryable, anonymousId: string, options: EventLookupOptions = {}): Promise<EventRow[]> {
  const userKey = await userKeyOf(db, anonymousId);
  const { rows } = await db.query<Omit<EventRow, 'startsSession'>>(sqlFile('sessions_events.sql'), [
    userKey,
    options.rideAware ?? false,
    options.session ?? null,
    options.device === undefined ? null : foldKey(options.device),
  ]);
  if (rows.length === 0) throw new UserError(describeSelection(anonymousId, options));
  return rows.map((row, i) => {
    const previous = rows[i - 1];
    return { ...row, startsSession: previous?.device !== row.device || previous.session !== row.session };
  });
}
