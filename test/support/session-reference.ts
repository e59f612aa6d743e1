/**
 * The session rules of issue 3 written again, plainly, in TypeScript: the tests compare the SQL build with this.
 * It shares no code with src/sessions (not even the stage table), so a mistake would have to be made twice.
 */

export type ReferenceEvent = {
  userKey: string;
  deviceKey: string;
  anonymousId: string;
  /** As stored: 'YYYY-MM-DD HH:MM:SS[.ffffff]'. */
  createdAt: string;
  eventName: string;
  city: string | null;
  os: string | null;
  appVersion: string | null;
  loadRunId: number;
  sourceLine: number;
};

export interface ReferenceSession {
  userKey: string;
  rideAware: boolean;
  device: string;
  index: number;
  anonymousId: string;
  start: string;
  end: string;
  events: number;
  city: string | null;
  os: string | null;
  appVersion: string | null;
  booked: boolean;
  stageRank: number;
  stage: string | null;
  outcome: string;
  decidingEvent: string | null;
  decidedAt: string | null;
  dropOff: string | null;
  secondsToBook: number | null;
  rideSeconds: number | null;
}

export interface ReferenceUser {
  userKey: string;
  anonymousId: string;
  devices: number;
  sessions: number;
  seedFlagSessions: number;
  browsedSessions: number;
  lookedSessions: number;
  bookingSessions: number;
  firstSeen: string;
  lastSeen: string;
}

/** An event, its session under both definitions, and the gap before it (the `events` lookup's rows). */
export interface ReferenceEventRow {
  event: ReferenceEvent;
  seedIndex: number;
  rideIndex: number;
  gapMinutes: number | null;
}

const RIDE_HOLD_MICROS = 180 * 60 * 1_000_000;

const STAGES: { rank: number; name: string; outcome: string; matches(name: string): boolean }[] = [
  { rank: 1, name: 'opened', outcome: 'browsed', matches: (n) => n === 'Application Opened' },
  { rank: 2, name: 'map', outcome: 'browsed', matches: (n) => n === 'Home Screen Viewed' || n.startsWith('Location Permission') },
  { rank: 3, name: 'scooter_selected', outcome: 'looked', matches: (n) => n.startsWith('Scooter Selected') },
  { rank: 4, name: 'qr_scanner', outcome: 'looked', matches: (n) => n.startsWith('Qr Scanner') },
  { rank: 5, name: 'payment', outcome: 'looked', matches: (n) => n.startsWith('Payment') },
  { rank: 6, name: 'ride_started', outcome: 'booked', matches: (n) => n === 'Ride Started - Successful' },
  { rank: 7, name: 'ride_done', outcome: 'booked', matches: (n) => n.startsWith('Ride Done') },
  { rank: 8, name: 'rated', outcome: 'booked', matches: (n) => n.startsWith('Rating Screen') },
];

function stageOf(name: string) {
  return [...STAGES].reverse().find((stage) => stage.matches(name));
}

const isSeedBooking = (name: string) => ['Ride Started', 'Ride Done', 'Rating Screen'].some((part) => name.includes(part));

/** Microseconds since 1970 of a stored timestamp, exactly. */
export function micros(timestamp: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(timestamp);
  if (!m) throw new Error(`not a timestamp: ${timestamp}`);
  const [, y, mo, d, h, mi, s, fraction = ''] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!) * 1000 + Number(fraction.padEnd(6, '0'));
}

/** Whole minutes: the seconds rounded to the nearest (half away from zero), divided by 60, floored. */
export function gapMinutes(fromMicros: number, toMicros: number): number {
  const roundedSeconds = Math.floor((toMicros - fromMicros + 500_000) / 1_000_000);
  return Math.floor(roundedSeconds / 60);
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const minOf = (values: (string | null)[]) => values.filter((v): v is string => v !== null).sort(byString)[0] ?? null;

function keyOf(event: ReferenceEvent): string {
  return `${event.userKey}\u0000${event.deviceKey}`;
}

/** Each key's events in time order (ties in load order), with both session numbers and the gap before each. */
export function referenceEventRows(events: readonly ReferenceEvent[], gap: number): ReferenceEventRow[] {
  const byKey = new Map<string, ReferenceEvent[]>();
  for (const event of events) byKey.set(keyOf(event), [...(byKey.get(keyOf(event)) ?? []), event]);
  const rows: ReferenceEventRow[] = [];
  for (const keyEvents of byKey.values()) {
    keyEvents.sort((a, b) => micros(a.createdAt) - micros(b.createdAt) || a.loadRunId - b.loadRunId || a.sourceLine - b.sourceLine);
    let seedIndex = -1;
    let rideIndex = -1;
    let lastStart: number | undefined;
    let lastDone: number | undefined;
    let previous: number | undefined;
    for (const event of keyEvents) {
      const at = micros(event.createdAt);
      const gapBefore = previous === undefined ? null : gapMinutes(previous, at);
      // only a new time can split: ties (gap 0) never do
      if (previous === undefined || at !== previous) {
        const seedSplit = gapBefore === null || gapBefore >= gap;
        const rideOpen = lastStart !== undefined && (lastDone === undefined || lastDone < lastStart) && at - lastStart < RIDE_HOLD_MICROS;
        if (seedSplit) seedIndex++;
        if (seedSplit && !rideOpen) rideIndex++;
      }
      rows.push({ event, seedIndex, rideIndex, gapMinutes: gapBefore });
      previous = at;
      // the ride state a split looks at is the one before its time: update after the whole group would be the
      // same, since rows of one time never split
      const stage = stageOf(event.eventName)?.name;
      if (stage === 'ride_started') lastStart = Math.max(lastStart ?? at, at);
      if (stage === 'ride_done') lastDone = Math.max(lastDone ?? at, at);
    }
  }
  return rows;
}

/** From one instant to a later (or the same) one; null when either is missing (Infinity) or they are reversed. */
function secondsBetween(from: number, to: number): number | null {
  return Number.isFinite(from) && Number.isFinite(to) && to >= from ? (to - from) / 1e6 : null;
}

function summarize(userKey: string, rideAware: boolean, index: number, events: ReferenceEvent[]): ReferenceSession {
  const timed = events.map((e) => ({ e, at: micros(e.createdAt), stage: stageOf(e.eventName) }));
  const first = (name: string) => Math.min(...timed.filter((t) => t.stage?.name === name).map((t) => t.at));
  const stageRank = Math.max(0, ...timed.map((t) => t.stage?.rank ?? 0));
  const stage = STAGES.find((s) => s.rank === stageRank);
  const deciding = timed
    .filter((t) => stageRank > 0 && t.stage?.rank === stageRank)
    .sort((a, b) => a.at - b.at || byString(a.e.eventName, b.e.eventName))[0];
  const last = [...timed].sort((a, b) => b.at - a.at || byString(b.e.eventName, a.e.eventName))[0]!;
  const ordered = [...timed].sort((a, b) => a.at - b.at);
  const outcome = stage?.outcome ?? 'browsed';
  const [opened, rideStarted, rideDone] = [first('opened'), first('ride_started'), first('ride_done')];
  return {
    userKey,
    rideAware,
    device: events[0]!.deviceKey,
    index,
    anonymousId: minOf(events.map((e) => e.anonymousId))!,
    start: ordered[0]!.e.createdAt,
    end: ordered.at(-1)!.e.createdAt,
    events: events.length,
    city: minOf(events.map((e) => e.city)),
    os: minOf(events.map((e) => e.os)),
    appVersion: minOf(events.map((e) => e.appVersion)),
    booked: events.some((e) => isSeedBooking(e.eventName)),
    stageRank,
    stage: stage?.name ?? null,
    outcome,
    decidingEvent: deciding?.e.eventName ?? null,
    decidedAt: deciding?.e.createdAt ?? null,
    dropOff: outcome === 'booked' ? null : last.e.eventName,
    secondsToBook: secondsBetween(opened, rideStarted),
    rideSeconds: secondsBetween(rideStarted, rideDone),
  };
}

const sessionOrder = (a: ReferenceSession, b: ReferenceSession) =>
  byString(a.userKey, b.userKey) || Number(a.rideAware) - Number(b.rideAware) || byString(a.device, b.device) || a.index - b.index;

/** Every session of both definitions, ordered by user, definition, device, index. */
export function referenceSessions(events: readonly ReferenceEvent[], gap: number): ReferenceSession[] {
  const groups = new Map<string, { userKey: string; rideAware: boolean; index: number; events: ReferenceEvent[] }>();
  for (const { event, seedIndex, rideIndex } of referenceEventRows(events, gap)) {
    for (const [rideAware, index] of [[false, seedIndex], [true, rideIndex]] as const) {
      const id = `${keyOf(event)}\u0000${rideAware}\u0000${index}`;
      const group = groups.get(id) ?? { userKey: event.userKey, rideAware, index, events: [] };
      group.events.push(event);
      groups.set(id, group);
    }
  }
  return [...groups.values()].map((g) => summarize(g.userKey, g.rideAware, g.index, g.events)).sort(sessionOrder);
}

/** One row per user from the seed's sessions. */
export function referenceUsers(sessions: readonly ReferenceSession[]): ReferenceUser[] {
  const users = new Map<string, ReferenceSession[]>();
  for (const s of sessions.filter((s) => !s.rideAware)) users.set(s.userKey, [...(users.get(s.userKey) ?? []), s]);
  return [...users.entries()]
    .map(([userKey, own]) => ({
      userKey,
      anonymousId: minOf(own.map((s) => s.anonymousId))!,
      devices: new Set(own.map((s) => s.device)).size,
      sessions: own.length,
      seedFlagSessions: own.filter((s) => s.booked).length,
      browsedSessions: own.filter((s) => s.outcome === 'browsed').length,
      lookedSessions: own.filter((s) => s.outcome === 'looked').length,
      bookingSessions: own.filter((s) => s.outcome === 'booked').length,
      firstSeen: own.map((s) => s.start).sort((a, b) => micros(a) - micros(b))[0]!,
      lastSeen: own.map((s) => s.end).sort((a, b) => micros(b) - micros(a))[0]!,
    }))
    .sort((a, b) => byString(a.userKey, b.userKey));
}
