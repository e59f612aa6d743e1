/**
 * Small, hostile event logs for the sessions tests, inserted the way the loader does it: rows into mobile_events
 * and their keys into session_dirty_keys, in one transaction.
 */
import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/connect.js';
import { buildSessions } from '../../src/sessions/build.js';
import type { TestBackend } from './backends.js';
import { createSchema } from '../../src/etl/schema.js';
import { postLoad } from '../../src/etl/pipeline.js';
import { foldKey } from '../../src/sessions/keys.js';
import type { ReferenceEvent } from './session-reference.js';

export interface FixtureEvent {
  anonymousId: string;
  deviceId: string | null;
  createdAt: string;
  eventName: string;
  city?: string | null;
  os?: string | null;
  appVersion?: string | null;
}

/** mulberry32: a tiny seeded generator, so a failing case can be replayed. */
function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A timestamp as PostgreSQL prints it: microseconds, trailing zeros of the fraction dropped. */
export function timestampOf(micros: number): string {
  const seconds = Math.floor(micros / 1e6);
  const fraction = String(micros - seconds * 1e6).padStart(6, '0').replace(/0+$/, '');
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ') + (fraction ? `.${fraction}` : '');
}

const FUNNEL = [
  'Application Opened', 'Location Permission - Shown', 'Location Permission - Granted', 'Location Permission - Denied',
  'Home Screen Viewed', 'Scooter Selected - Auto', 'Scooter Selected - User', 'Qr Scanner - Opened',
  'Qr Scanner - Scan Successful', 'Qr Scanner - Scan Failed', 'Payment Dialog - Shown', 'Payment Method - Added',
  'Payment Dialog - Failed', 'Ride Started - Successful', 'Ride Started - Failed', 'Ride Done - Successful',
  'Rating Screen - Shown', 'Rating Screen - Submitted',
];
const NOISE = [
  'Signup - Started', 'Login - Successful', 'Push Notification - Received', 'Settings - Opened', 'Help Center - Opened',
  'Promo Code - Applied', 'Application Backgrounded',
  // near misses: the stage patterns and the seed's flag are case-sensitive
  'ride started - successful', 'Rating screen - Shown', 'Payments%_odd',
];

/** Steps between consecutive events of a key, in microseconds: ties, the 15-minute boundary, rides, days. */
const STEPS = [
  0, 0, 1, 1_000, 250_000, 5e6, 30e6, 60e6, 180e6, 840e6,
  899_400_000, 899_499_999, 899_500_000, 899_600_000, 900e6, 901e6,
  20 * 60e6, 45 * 60e6, 179 * 60e6, 180 * 60e6, 181 * 60e6, 5 * 3600e6, 26 * 3600e6,
];

const CITIES = ['berlin', 'paris', 'rome', null];
const OSES = ['iOS', 'Android', null];

/**
 * A random log of `users` users with up to three devices each, ids in mixed letter case (iOS upper, Android
 * lower, as the loader sees them), a missing device id now and then, and rides started with or without an end.
 */
export function randomEvents(seed: number, users: number, eventsPerKey: number): FixtureEvent[] {
  const random = randomSource(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const events: FixtureEvent[] = [];
  for (let u = 0; u < users; u++) {
    const id = `User-${seed}-${u}-Ab`;
    const devices = Math.ceil(random() * 3);
    for (let d = 0; d < devices; d++) {
      const deviceId = random() < 0.1 ? null : `Dev-${u}-${d}`;
      let at = Date.UTC(2020, 4, 1) * 1000 + Math.floor(random() * 86400e6);
      const count = 1 + Math.floor(random() * eventsPerKey);
      for (let i = 0; i < count; i++) {
        at += pick(STEPS);
        const upper = random() < 0.5;
        events.push({
          anonymousId: upper ? id.toUpperCase() : id.toLowerCase(),
          deviceId: deviceId === null ? null : upper ? deviceId.toUpperCase() : deviceId.toLowerCase(),
          createdAt: timestampOf(at),
          eventName: random() < 0.8 ? pick(FUNNEL) : pick(NOISE),
          city: pick(CITIES),
          os: pick(OSES),
          appVersion: random() < 0.1 ? null : `3.${Math.floor(random() * 12)}.0`,
        });
      }
    }
  }
  return events;
}

/** Splits `events` into `parts` random slices, so loads overlap in time and in keys. */
export function shuffledParts<T>(seed: number, events: readonly T[], parts: number): T[][] {
  const random = randomSource(seed);
  const result: T[][] = Array.from({ length: parts }, () => []);
  for (const event of events) result[Math.floor(random() * parts)]!.push(event);
  return result;
}

/** Creates the loader's tables (and the session key index): what a load does before its first batch. */
export async function createEventTables(db: Database): Promise<void> {
  await createSchema(db);
  await postLoad(db);
}

let nextRun = 1;

/** Inserts `events` as one load run and marks their keys dirty, in one transaction, as the loader does. */
export async function insertEvents(db: Database, events: readonly FixtureEvent[]): Promise<void> {
  const run = nextRun++;
  const column = <K extends keyof FixtureEvent>(key: K) => events.map((e) => e[key] ?? null);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO mobile_events (anonymous_id, context_device_id, created_at, received_at, event_name, business_zoned,
                                  context_os_name, context_app_version, user_key, device_key, row_hash, load_run_id,
                                  source_line)
       SELECT a, d, c::timestamp, c::timestamp, n, city, os, v, uk, dk, md5($11::bigint || '/' || line)::uuid, $11, line
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::bigint[])
         AS t (a, d, c, n, city, os, v, uk, dk, line)`,
      [
        column('anonymousId'), column('deviceId'), column('createdAt'), column('eventName'), column('city'),
        column('os'), column('appVersion'), events.map((e) => foldKey(e.anonymousId)),
        events.map((e) => foldKey(e.deviceId ?? '')), events.map((_, i) => i + 1), run,
      ],
    );
    await tx.query(
      `INSERT INTO session_dirty_keys SELECT DISTINCT user_key, device_key FROM mobile_events WHERE load_run_id = $1
       ON CONFLICT DO NOTHING`,
      [run],
    );
  });
}

/** The stored events, as the reference implementation takes them. */
export async function storedEvents(db: Database): Promise<ReferenceEvent[]> {
  const { rows } = await db.query<ReferenceEvent>(
    `SELECT user_key AS "userKey", device_key AS "deviceKey", anonymous_id AS "anonymousId", created_at AS "createdAt",
            event_name AS "eventName", business_zoned AS city, context_os_name AS os, context_app_version AS "appVersion",
            load_run_id AS "loadRunId", source_line AS "sourceLine"
     FROM mobile_events`,
  );
  return rows;
}

/** The sessions table in the reference's shape and order. */
export async function storedSessions(db: Database) {
  const { rows } = await db.query(
    `SELECT user_key AS "userKey", ride_aware AS "rideAware", device_key AS device, session_index AS "index",
            anonymous_id AS "anonymousId", started_at AS start, ended_at AS "end", event_count AS events, city, os,
            app_version AS "appVersion", booked, stage_rank AS "stageRank", stage, outcome,
            deciding_event AS "decidingEvent", decided_at AS "decidedAt", drop_off_event AS "dropOff",
            seconds_to_book AS "secondsToBook", ride_seconds AS "rideSeconds"
     FROM sessions ORDER BY user_key COLLATE "C", ride_aware, device_key COLLATE "C", session_index`,
  );
  return rows;
}

export async function storedUsers(db: Database) {
  const { rows } = await db.query(
    `SELECT user_key AS "userKey", anonymous_id AS "anonymousId", devices, sessions, booked_sessions AS "seedFlagSessions",
            browsed_sessions AS "browsedSessions", looked_sessions AS "lookedSessions",
            booking_sessions AS "bookingSessions", first_seen AS "firstSeen", last_seen AS "lastSeen"
     FROM session_users ORDER BY user_key COLLATE "C"`,
  );
  return rows;
}

/** A fresh database of `backend` holding `events` and their sessions (none for no events); the caller drops it. */
export async function databaseWithSessions(backend: TestBackend, events: readonly FixtureEvent[]) {
  const fresh = await backend.create();
  const db = await openDatabase(fresh.target);
  try {
    if (events.length > 0) {
      await createEventTables(db);
      await insertEvents(db, events);
      await buildSessions(db);
    }
  } finally {
    await db.close();
  }
  return fresh;
}
