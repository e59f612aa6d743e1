/**
 * When people ride: the year 2020 cut into hour-long windows, each weighted by season, weekday,
 * the spring lockdown and the time of day. The generator spreads the requested rows over the
 * windows by these weights, so any row count covers the whole year with the same shape.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const YEAR_START = Date.UTC(2020, 0, 1);
/** No session starts later, so that even the longest one ends inside 2020. */
export const LAST_START = Date.UTC(2020, 11, 31, 22);
export const HOURS_IN_YEAR = 366 * 24;

/** Commuting peaks at 8 and 17-18, little at night. */
const HOUR_OF_DAY = [
  0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 1.6, 2.2, 1.4, 1.0, 1.1, 1.4, 1.3, 1.1, 1.2, 1.6, 2.2, 2.0, 1.5, 1.1, 0.9, 0.7, 0.5,
];

const LOCKDOWN_FROM = Date.UTC(2020, 2, 16);
const LOCKDOWN_TO = Date.UTC(2020, 4, 11);

function dayWeight(dayStart: number): number {
  const dayOfYear = (dayStart - YEAR_START) / DAY_MS;
  const summer = 1 + 0.5 * Math.cos((2 * Math.PI * (dayOfYear - 196)) / 366);
  const weekday = new Date(dayStart).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 1.15 : 1;
  const lockdown = dayStart >= LOCKDOWN_FROM && dayStart < LOCKDOWN_TO ? 0.4 : 1;
  return summer * weekend * lockdown;
}

/** The weight of each hour of 2020 (index 0 is Jan 1, 00:00); zero from LAST_START on. */
export function hourWeights(): Float64Array {
  const weights = new Float64Array(HOURS_IN_YEAR);
  for (let hour = 0; hour < HOURS_IN_YEAR; hour++) {
    const start = YEAR_START + hour * HOUR_MS;
    if (start >= LAST_START) break;
    weights[hour] = dayWeight(start - (start % DAY_MS)) * (HOUR_OF_DAY[hour % 24] as number);
  }
  return weights;
}
