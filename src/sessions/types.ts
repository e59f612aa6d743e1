/** Row shapes shared by the commands and the TUI; JSON output uses these names as they are. */

export type Outcome = 'browsed' | 'looked' | 'booked';
export const OUTCOMES: readonly Outcome[] = ['browsed', 'looked', 'booked'];

/** Timestamps are strings exactly as stored (no time zone); durations are seconds. */
export type SessionRow = {
  /** The device key (lower-cased context_device_id; '' when the events had none). */
  device: string;
  /** Number of the session among the device's sessions, from 0 in time order. */
  index: number;
  start: string;
  end: string;
  durationSeconds: number;
  events: number;
  /** The seed's flag: an event name contains Ride Started, Ride Done or Rating Screen. */
  booked: boolean;
  outcome: Outcome;
  /** Furthest funnel stage reached, null when no event matched a stage. */
  stage: string | null;
  stageRank: number;
  decidingEvent: string | null;
  decidedAt: string | null;
  /** The last event of a session that did not book; null for booked sessions. */
  dropOff: string | null;
  /** First Application Opened to first Ride Started - Successful. */
  secondsToBook: number | null;
  /** First Ride Started - Successful to the first Ride Done after it. */
  rideSeconds: number | null;
  city: string | null;
  os: string | null;
  appVersion: string | null;
};

export type EventRow = {
  device: string;
  session: number;
  createdAt: string;
  receivedAt: string;
  event: string;
  /** Whole minutes since the device's previous event (rounded seconds / 60, floored); null for its first. */
  gapMinutes: number | null;
  /** True on the first event of each session in the list. */
  startsSession: boolean;
  /** True on the event that decided the session's outcome (first to reach its furthest stage). */
  decides: boolean;
  anonymousId: string;
  deviceId: string | null;
  city: string | null;
  os: string | null;
  appVersion: string | null;
};

export type UserRow = {
  userKey: string;
  /** One spelling of the id as loaded (iOS and Android differ in case; the key is lower-case). */
  anonymousId: string;
  devices: number;
  sessions: number;
  /** Sessions booked by the seed's flag. */
  seedFlagSessions: number;
  browsedSessions: number;
  lookedSessions: number;
  /** Sessions whose outcome is booked (a ride started). */
  bookingSessions: number;
  firstSeen: string;
  lastSeen: string;
};
