import type { Queryable } from '../db/database.js';
import { describeLayout, readLayout } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { funnelOf, funnelSteps, type FunnelCount, type FunnelStep } from './funnel.js';
import { ALL_TIME, isAllTime, isWholeDays, periodParams, previousPeriod, type Period } from './period.js';
import { readGapMinutes } from './settings.js';
import { sqlTemplate } from './sql-template.js';
import type { Outcome } from './types.js';

/** An event received more than this long after it was created sat in a queue (offline phone) or is suspect. */
export const LATE_RECEIPT_MINUTES = 60;

export type BreakdownRow = {
  value: string | null;
  sessions: number;
  seedFlagSessions: number;
  lookedSessions: number;
  bookingSessions: number;
};

export type DayRow = {
  /** YYYY-MM-DD of the sessions' start. */
  day: string;
  sessions: number;
  seedFlagSessions: number;
  bookingSessions: number;
};

/** The same numbers for the period just before, and how far this period is from it. */
export interface PeriodComparison {
  period: Period;
  sessions: number;
  outcomes: Record<Outcome, number>;
  /** Sessions whose outcome is booked, of all sessions; null without sessions. */
  bookedShare: number | null;
  funnel: FunnelStep[];
  change: {
    sessions: number;
    /** This period's sessions over the previous period's; null when the previous had none. */
    sessionsRatio: number | null;
    /** Percentage points; null when either period has no sessions. */
    bookedSharePoints: number | null;
    funnel: { stage: string; stepPoints: number | null; overallPoints: number | null }[];
  };
}

export interface SessionStats {
  /** Sessions starting in this period are counted (all time by default). */
  period: Period;
  /** Where the tables live: "single server", or "Citus, N workers". */
  layout: string;
  gapMinutes: number | null;
  users: number;
  /** Devices, counted per user (the session key is user and device). */
  devices: number;
  /** Events of the period's sessions (every event, for all time: each is in one session). */
  events: number;
  sessions: number;
  /** Sessions whose outcome is booked, of all sessions; null without sessions. */
  bookedShare: number | null;
  /** By the seed's flag. */
  seedFlagSessions: number;
  outcomes: Record<Outcome, number>;
  /** Booked by the seed's flag but no ride started (e.g. only Ride Started - Failed): where the two disagree. */
  bookedWithoutRide: number;
  medianSecondsToBook: number | null;
  medianRideSeconds: number | null;
  /** The ride-aware definition, and how far it is from the seed's. */
  rideAware: {
    sessions: number;
    seedFlagSessions: number;
    bookingSessions: number;
    medianRideSeconds: number | null;
    /** Seed sessions that ride-aware sessions merge away (rides longer than the gap). */
    fewerSessions: number;
    fewerBookedSessions: number;
  };
  funnel: FunnelStep[];
  breakdowns: { city: BreakdownRow[]; os: BreakdownRow[]; appVersion: BreakdownRow[] };
  /** Over all events; null for a period (it would take a scan of every event, the periods read only sessions). */
  timestamps: { receivedBeforeCreated: number; receivedLate: number; lateMinutes: number } | null;
  sessionsPerDay: DayRow[];
  /** Null for a period open at either end (all time has nothing before it). */
  previous: PeriodComparison | null;
}

type Totals = {
  sessions: number;
  events: number;
  booked: number;
  browsed: number;
  looked: number;
  booking: number;
  booked_without_ride: number;
  median_seconds_to_book: number | null;
  median_ride_seconds: number | null;
  ride_aware_sessions: number;
  ride_aware_booked: number;
  ride_aware_booking: number;
  ride_aware_median_ride_seconds: number | null;
};

type Counts = Omit<Totals, 'median_seconds_to_book' | 'median_ride_seconds' | 'ride_aware_median_ride_seconds'>;
type Medians = Pick<Totals, 'median_seconds_to_book' | 'median_ride_seconds' | 'ride_aware_median_ride_seconds'>;

/**
 * Where a period's numbers come from. A period of whole days (all time included) sums session_day_stats, which
 * every build keeps; a period cut inside a day reads its sessions. Both give the same numbers.
 */
interface Source {
  totalsAndFunnel(db: Queryable, period: Period, medians: boolean): Promise<{ totals: Totals; funnel: FunnelStep[] }>;
  breakdown(db: Queryable, column: 'city' | 'os' | 'app_version', period: Period): Promise<BreakdownRow[]>;
  days(db: Queryable, period: Period): Promise<DayRow[]>;
}

const fromSessions: Source = {
  async totalsAndFunnel(db, period) {
    const totals = (await db.query<Totals>(sqlFile('sessions_stats_totals.sql'), periodParams(period))).rows[0]!;
    return { totals, funnel: await funnelSteps(db, totals.sessions, period) };
  },
  async breakdown(db, column, period) {
    return (await db.query<BreakdownRow>(sqlTemplate('sessions_stats_breakdown.sql', { column }), periodParams(period))).rows;
  },
  async days(db, period) {
    return (await db.query<DayRow>(sqlFile('sessions_stats_days.sql'), periodParams(period))).rows;
  },
};

/**
 * percentile_cont(0.5) over every session of one definition: the middle value, or halfway between the middle two
 * (PostgreSQL's interpolation, lo + 0.5 * (hi - lo) in doubles). The counts by whole second say which second holds
 * them; only that second's sessions are read, no sort of them all.
 */
async function allTimeMedian(db: Queryable, column: 'seconds_to_book' | 'ride_seconds', rideAware: boolean): Promise<number | null | undefined> {
  const { rows: at } = await db.query<{ position: number; second: number; before: number }>(sqlFile('sessions_stats_median_seconds.sql'), [
    rideAware,
    column,
  ]);
  if (at.length === 0) return null;
  const first = at[0]!;
  const last = at.at(-1)!;
  const { rows } = await db.query<{ value: number }>(sqlTemplate('sessions_stats_median.sql', { column }), [rideAware, first.second, last.second]);
  const lo = rows[first.position - first.before]?.value;
  const hi = rows[last.position - first.before]?.value;
  // a build committed between the two statements: the counts no longer match the sessions
  if (lo === undefined || hi === undefined) return undefined;
  return first.position === last.position ? lo : lo + 0.5 * (hi - lo);
}

async function mediansOf(db: Queryable, period: Period): Promise<Medians> {
  const sorted = async () => (await db.query<Medians>(sqlFile('sessions_stats_medians.sql'), periodParams(period))).rows[0]!;
  if (!isAllTime(period)) return sorted();
  const [toBook, ride, rideAware] = await Promise.all([
    allTimeMedian(db, 'seconds_to_book', false),
    allTimeMedian(db, 'ride_seconds', false),
    allTimeMedian(db, 'ride_seconds', true),
  ]);
  if (toBook === undefined || ride === undefined || rideAware === undefined) return sorted();
  return { median_seconds_to_book: toBook, median_ride_seconds: ride, ride_aware_median_ride_seconds: rideAware };
}

const fromDays: Source = {
  async totalsAndFunnel(db, period, medians) {
    const none: Medians = { median_seconds_to_book: null, median_ride_seconds: null, ride_aware_median_ride_seconds: null };
    const [counts, stages, middle] = await Promise.all([
      db.query<Counts>(sqlFile('sessions_stats_day_totals.sql'), periodParams(period)).then((r) => r.rows[0]!),
      db.query<FunnelCount>(sqlFile('sessions_stats_day_funnel.sql'), periodParams(period)).then((r) => r.rows),
      medians ? mediansOf(db, period) : none,
    ]);
    const totals = { ...counts, ...middle };
    return { totals, funnel: funnelOf(stages, totals.sessions) };
  },
  async breakdown(db, column, period) {
    return (await db.query<BreakdownRow>(sqlFile('sessions_stats_day_breakdown.sql'), [...periodParams(period), column])).rows;
  },
  async days(db, period) {
    return (await db.query<DayRow>(sqlFile('sessions_stats_day_days.sql'), periodParams(period))).rows;
  },
};

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const points = (a: number | null, b: number | null) => (a === null || b === null ? null : (a - b) * 100);

function comparison(
  period: Period,
  { totals, funnel }: { totals: Totals; funnel: FunnelStep[] },
  current: { sessions: number; funnel: FunnelStep[]; bookedShare: number | null },
): PeriodComparison {
  const bookedShare = share(totals.booking, totals.sessions);
  return {
    period,
    sessions: totals.sessions,
    outcomes: { browsed: totals.browsed, looked: totals.looked, booked: totals.booking },
    bookedShare,
    funnel,
    change: {
      sessions: current.sessions - totals.sessions,
      sessionsRatio: totals.sessions === 0 ? null : current.sessions / totals.sessions,
      bookedSharePoints: points(current.bookedShare, bookedShare),
      funnel: current.funnel.map((step, i) => ({
        stage: step.stage,
        stepPoints: points(step.stepConversion, funnel[i]?.stepConversion ?? null),
        overallPoints: points(step.overallConversion, funnel[i]?.overallConversion ?? null),
      })),
    },
  };
}

/** Everything the `stats` command and the TUI's stats screen show, for the sessions starting in `period`. */
export async function sessionStats(db: Queryable, period: Period = ALL_TIME): Promise<SessionStats> {
  const allTime = isAllTime(period);
  const source = isWholeDays(period) ? fromDays : fromSessions;
  // independent statements, each on its own connection of the pool: the wait is the slowest, not the sum
  const before = previousPeriod(period);
  const [{ totals, funnel }, people, events, [city, os, appVersion], sessionsPerDay, gapMinutes, previous, layout] = await Promise.all([
    source.totalsAndFunnel(db, period, true),
    db
      .query<{ users: number; devices: number }>(
        sqlFile(allTime ? 'sessions_stats_people.sql' : 'sessions_stats_people_period.sql'),
        allTime ? [] : periodParams(period),
      )
      .then((r) => r.rows[0]!),
    allTime
      ? db
          .query<{ receivedBeforeCreated: number; receivedLate: number }>(sqlFile('sessions_stats_events.sql'), [LATE_RECEIPT_MINUTES])
          .then((r) => r.rows[0]!)
      : null,
    Promise.all([source.breakdown(db, 'city', period), source.breakdown(db, 'os', period), source.breakdown(db, 'app_version', period)]),
    source.days(db, period),
    readGapMinutes(db),
    // the same length before: whole days again when this period is
    before && source.totalsAndFunnel(db, before, false),
    readLayout(db),
  ]);
  const bookedShare = share(totals.booking, totals.sessions);
  return {
    period,
    layout: describeLayout(layout),
    gapMinutes: gapMinutes ?? null,
    users: people.users,
    devices: people.devices,
    events: totals.events,
    sessions: totals.sessions,
    bookedShare,
    seedFlagSessions: totals.booked,
    outcomes: { browsed: totals.browsed, looked: totals.looked, booked: totals.booking },
    bookedWithoutRide: totals.booked_without_ride,
    medianSecondsToBook: totals.median_seconds_to_book,
    medianRideSeconds: totals.median_ride_seconds,
    rideAware: {
      sessions: totals.ride_aware_sessions,
      seedFlagSessions: totals.ride_aware_booked,
      bookingSessions: totals.ride_aware_booking,
      medianRideSeconds: totals.ride_aware_median_ride_seconds,
      fewerSessions: totals.sessions - totals.ride_aware_sessions,
      fewerBookedSessions: totals.booked - totals.ride_aware_booked,
    },
    funnel,
    breakdowns: { city, os, appVersion },
    timestamps: events && {
      receivedBeforeCreated: events.receivedBeforeCreated,
      receivedLate: events.receivedLate,
      lateMinutes: LATE_RECEIPT_MINUTES,
    },
    sessionsPerDay,
    previous: before && previous && comparison(before, previous, { sessions: totals.sessions, funnel, bookedShare }),
  };
}
