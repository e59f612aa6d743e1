import { Agenda } from './agenda.js';
import { HOUR_MS, HOURS_IN_YEAR, LAST_START, YEAR_START, hourWeights } from './calendar.js';
import { HEADER, SEPARATOR, formatTimestamp } from './csv.js';
import { isDeliveredTwice, receivedAt } from './delivery.js';
import { Population, anonymousIdAsSent, appVersion, type Device, type User } from './population.js';
import { Random } from './random.js';
import type { TimedEvent } from './session.js';
import { simulateVisit } from './visit.js';

export interface EventLogOptions {
  /** Data rows after the header, exactly. */
  rows: number;
  seed: number;
}

/** The shipped sample, `local_files/mobile_events_2020.csv.gz`: as many rows as the seed's real file. */
export const SAMPLE: EventLogOptions = { rows: 102_422, seed: 2020 };

interface Row {
  createdAt: number;
  line: string;
}

/** Text is handed on in pieces of about this size: big enough to be cheap, small enough to keep memory flat. */
const CHUNK_CHARS = 1 << 16;
/** Tries to find a user free for a visit before accepting a clash (only plausible in files of a few rows). */
const USER_TRIES = 10;

/**
 * The CSV text of a synthetic event log of 2020, header first, in chronological order of created_at.
 * The same (rows, seed) give the same text byte for byte. Works one hour of the year at a time, so
 * memory holds an hour's rows (plus sessions running past it), whatever the row count.
 */
export function* eventLogChunks({ rows, seed }: EventLogOptions): Generator<string> {
  const random = new Random(seed);
  const population = new Population(seed, rows);
  const agenda = new Agenda();
  const weights = hourWeights();
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const lastActiveHour = (LAST_START - YEAR_START) / HOUR_MS - 1;

  let generated = 0;
  let cumulativeWeight = 0;
  let pending: Row[] = [];
  let text = `${HEADER}\n`;
  for (let hour = 0; hour < HOURS_IN_YEAR; hour++) {
    const windowStart = YEAR_START + hour * HOUR_MS;
    const windowEnd = windowStart + HOUR_MS;
    if (hour % 24 === 0) agenda.forgetBefore(windowStart);
    cumulativeWeight += weights[hour] as number;
    const target = hour >= lastActiveHour ? rows : Math.round((rows * cumulativeWeight) / totalWeight);

    while (generated < target) {
      const visit = visitRows(random, population, agenda, windowStart + Math.floor(random.next() * HOUR_MS));
      // only the very last visit of the file can be cut short, to make the row count exact
      for (const row of visit.slice(0, rows - generated)) pending.push(row);
      generated = Math.min(rows, generated + visit.length);
    }

    // rows of sessions still running at the end of the hour wait for the next one: the output stays sorted
    pending.sort((a, b) => a.createdAt - b.createdAt);
    const due = pending.findIndex((row) => row.createdAt >= windowEnd);
    const ready = due === -1 ? pending : pending.slice(0, due);
    pending = due === -1 ? [] : pending.slice(due);
    for (const row of ready) text += row.line;
    if (text.length >= CHUNK_CHARS) {
      yield text;
      text = '';
    }
  }
  if (pending.length > 0) throw new Error(`${pending.length} generated rows fall after 2020; LAST_START is too late.`);
  if (text.length > 0) yield text;
}

/** The rows of one visit by a user who is free at that time, as delivered (late, early, twice). */
function visitRows(random: Random, population: Population, agenda: Agenda, start: number): Row[] {
  const events = simulateVisit(random, start);
  const from = start;
  const to = (events[events.length - 1] as TimedEvent).at;
  const userIndex = pickFreeUser(random, population, agenda, from, to);
  agenda.book(userIndex, from, to);

  const user = population.user(userIndex);
  const device = pickDevice(random, user);
  const prefix = [anonymousIdAsSent(user, device), population.cityOf(user, random), appVersion(device, from), device.id, device.os]
    .map((field) => field + SEPARATOR)
    .join('');
  const rows: Row[] = [];
  for (const { at, name } of events) {
    const row = { createdAt: at, line: `${prefix}${name};${formatTimestamp(receivedAt(random, at))};${formatTimestamp(at)}\n` };
    rows.push(row);
    if (isDeliveredTwice(random)) rows.push(row);
  }
  return rows;
}

function pickFreeUser(random: Random, population: Population, agenda: Agenda, from: number, to: number): number {
  let user = population.pickIndex(random);
  for (let tries = 1; tries < USER_TRIES && !agenda.isFree(user, from, to); tries++) user = population.pickIndex(random);
  return user;
}

/** Two-device users mostly use their first phone. */
function pickDevice(random: Random, user: User): Device {
  const [first, second] = user.devices as [Device, Device?];
  return second && random.chance(0.3) ? second : first;
}
