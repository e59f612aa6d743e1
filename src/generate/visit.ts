import { LAST_START, MINUTE_MS } from './calendar.js';
import type { Random } from './random.js';
import { simulateSession, type TimedEvent } from './session.js';

const SESSIONS_PER_VISIT: readonly (readonly [number, number])[] = [
  [1, 75],
  [2, 20],
  [3, 5],
];

/** One user's use of the app on one device: a session, sometimes followed by a return or two. */
export function simulateVisit(random: Random, start: number): TimedEvent[] {
  const events = simulateSession(random, start);
  const sessions = random.weighted(SESSIONS_PER_VISIT);
  for (let i = 1; i < sessions; i++) {
    const next = (events[events.length - 1] as TimedEvent).at + returnGap(random);
    if (next >= LAST_START) break;
    events.push(...simulateSession(random, next));
  }
  return events;
}

/** The pause before coming back: 16 minutes to 3 hours, a few right at the 15-minute session boundary. */
function returnGap(random: Random): number {
  const minutes = random.chance(0.04) ? random.between(14.5, 15.5) : random.between(16, 180, 2);
  return Math.round(minutes * MINUTE_MS);
}
