import { performance } from 'node:perf_hooks';
import type { DatabaseTarget } from '../src/config/target.js';
import { openDatabase } from '../src/db/connect.js';
import type { Database } from '../src/db/database.js';
import { dataSpan, monthPeriod, sessionEvents, sessionStats, userSessions } from '../src/sessions/queries.js';
import { benchSql } from './sql-files.js';
import { percentile } from './stats.js';

export interface Latency {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface LookupFigures {
  /** Users looked up (fewer than asked when the database has fewer). */
  users: number;
  /** `userSessions`: a user's sessions, what `sessions <id>` prints. */
  sessions: Latency;
  /** `sessionEvents` of one of the user's sessions on one device, what `events <id> --session N --device D` prints. */
  events: Latency;
  /** `sessionStats` over one calendar month, what `stats --from --to` prints: each month of the data in turn. */
  monthStats: Latency & { calls: number };
}

interface SampledUser extends Record<string, unknown> {
  anonymousId: string;
  device: string;
  session: number;
}

/** The same draw on every run and backend: the figures of two runs cover the same users. */
const SAMPLE_SEED = 'bench';
/** Lookups before the timed ones: connections opened, indexes read into the cache. */
const WARM_UP = 20;

async function timeEach(users: readonly SampledUser[], lookup: (user: SampledUser) => Promise<unknown>): Promise<Latency> {
  const times: number[] = [];
  for (const user of users) {
    const started = performance.now();
    await lookup(user);
    times.push(performance.now() - started);
  }
  return { p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: percentile(times, 100) };
}

/** One line for the progress log. */
export function describeLookups({ users, sessions, events, monthStats }: LookupFigures): string {
  const pair = (l: Latency) => `${l.p50Ms.toFixed(2)}/${l.p95Ms.toFixed(2)} ms`;
  return `${users} users: sessions p50/p95 ${pair(sessions)}, events p50/p95 ${pair(events)}, month stats p50/p95 ${pair(monthStats)}`;
}

/** p50/p95 of the two lookups, over `count` random users, one call at a time, inside this process. */
export async function measureLookups(db: Database, count: number): Promise<LookupFigures> {
  const { rows: users } = await db.query<SampledUser>(benchSql('lookup_sample.sql'), [count, SAMPLE_SEED]);
  if (users.length === 0) throw new Error(`No users to look up in ${db.description}.`);
  const sessions = (user: SampledUser) => userSessions(db, user.anonymousId);
  const events = (user: SampledUser) => sessionEvents(db, user.anonymousId, { session: user.session, device: user.device });
  for (const user of users.slice(0, WARM_UP)) await Promise.all([sessions(user), events(user)]);
  return {
    users: users.length,
    sessions: await timeEach(users, sessions),
    events: await timeEach(users, events),
    monthStats: await timeMonthStats(db),
  };
}

/** Calls of the month stats: each is a dozen statements, so fewer than the lookups; enough for a p95. */
const MONTH_STATS_CALLS = 40;

/** `sessionStats` for each month of the data in turn (the comparison with the month before included). */
async function timeMonthStats(db: Database): Promise<Latency & { calls: number }> {
  const span = await dataSpan(db);
  if (!span) throw new Error(`No sessions in ${db.description}.`);
  const months = Array.from({ length: MONTH_STATS_CALLS }, (_, i) => monthPeriod(span.months[i % span.months.length]!));
  await sessionStats(db, months[0]!);
  const times: number[] = [];
  for (const month of months) {
    const started = performance.now();
    await sessionStats(db, month);
    times.push(performance.now() - started);
  }
  return { calls: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: percentile(times, 100) };
}

export async function measureLookupsIn(target: DatabaseTarget, count: number): Promise<LookupFigures> {
  const db = await openDatabase(target);
  try {
    return await measureLookups(db, count);
  } finally {
    await db.close();
  }
}
