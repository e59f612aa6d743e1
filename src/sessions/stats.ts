import type { Queryable } from '../db/database.js';
import { describeLayout, readLayout } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { funnelSteps, type FunnelStep } from './funnel.js';
import { readGapMinutes } from './settings.js';
import { sqlTemplate } from './sql-template.js';
import type { Outcome } from './types.js';

/** An event received more than this long after it was created sat in a queue (offline phone) or is suspect. */
export const LATE_RECEIPT_MINUTES = 60;

export type BreakdownRow = {
  value: string | null;
  sessions: number;
  bookedSessions: number;
  lookedSessions: number;
  bookingSessions: number;
};

export type DayRow = {
  /** YYYY-MM-DD of the sessions' start. */
  day: string;
  sessions: number;
  bookedSessions: number;
  bookingSessions: number;
};

export interface SessionStats {
  /** Where the tables live: "single server", or "Citus, N workers". */
  layout: string;
  gapMinutes: number | null;
  users: number;
  /** Devices, counted per user (the session key is user and device). */
  devices: number;
  events: number;
  sessions: number;
  /** By the seed's flag. */
  bookedSessions: number;
  outcomes: Record<Outcome, number>;
  /** Booked by the seed's flag but no ride started (e.g. only Ride Started - Failed): where the two disagree. */
  bookedWithoutRide: number;
  medianSecondsToBook: number | null;
  medianRideSeconds: number | null;
  /** The ride-aware definition, and how far it is from the seed's. */
  rideAware: {
    sessions: number;
    bookedSessions: number;
    bookingSessions: number;
    medianRideSeconds: number | null;
    /** Seed sessions that ride-aware sessions merge away (rides longer than the gap). */
    fewerSessions: number;
    fewerBookedSessions: number;
  };
  funnel: FunnelStep[];
  breakdowns: { city: BreakdownRow[]; os: BreakdownRow[]; appVersion: BreakdownRow[] };
  timestamps: { receivedBeforeCreated: number; receivedLate: number; lateMinutes: number };
  sessionsPerDay: DayRow[];
}

type Totals = {
  users: number;
  devices: number;
  sessions: number;
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

async function breakdown(db: Queryable, column: 'city' | 'os' | 'app_version'): Promise<BreakdownRow[]> {
  return (await db.query<BreakdownRow>(sqlTemplate('sessions_stats_breakdown.sql', { column }))).rows;
}

/** Everything the `stats` command and the TUI's stats screen show. */
export async function sessionStats(db: Queryable): Promise<SessionStats> {
  const totals = (await db.query<Totals>(sqlFile('sessions_stats_totals.sql'))).rows[0]!;
  const events = (await db.query<{ events: number; receivedBeforeCreated: number; receivedLate: number }>(
    sqlFile('sessions_stats_events.sql'),
    [LATE_RECEIPT_MINUTES],
  )).rows[0]!;
  return {
    layout: describeLayout(await readLayout(db)),
    gapMinutes: (await readGapMinutes(db)) ?? null,
    users: totals.users,
    devices: totals.devices,
    events: events.events,
    sessions: totals.sessions,
    bookedSessions: totals.booked,
    outcomes: { browsed: totals.browsed, looked: totals.looked, booked: totals.booking },
    bookedWithoutRide: totals.booked_without_ride,
    medianSecondsToBook: totals.median_seconds_to_book,
    medianRideSeconds: totals.median_ride_seconds,
    rideAware: {
      sessions: totals.ride_aware_sessions,
      bookedSessions: totals.ride_aware_booked,
      bookingSessions: totals.ride_aware_booking,
      medianRideSeconds: totals.ride_aware_median_ride_seconds,
      fewerSessions: totals.sessions - totals.ride_aware_sessions,
      fewerBookedSessions: totals.booked - totals.ride_aware_booked,
    },
    funnel: await funnelSteps(db, totals.sessions),
    breakdowns: {
      city: await breakdown(db, 'city'),
      os: await breakdown(db, 'os'),
      appVersion: await breakdown(db, 'app_version'),
    },
    timestamps: {
      receivedBeforeCreated: events.receivedBeforeCreated,
      receivedLate: events.receivedLate,
      lateMinutes: LATE_RECEIPT_MINUTES,
    },
    sessionsPerDay: (await db.query<DayRow>(sqlFile('sessions_stats_days.sql'))).rows,
  };
}
