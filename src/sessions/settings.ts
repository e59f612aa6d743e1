import type { Queryable } from '../db/database.js';
import { UserError } from '../errors.js';

export const DEFAULT_GAP_MINUTES = 15;

/**
 * How long a ride that started and has not ended holds a ride-aware session open. A ride whose Ride Done never
 * arrives (app killed, event lost) would otherwise glue the rest of the day into one session; three hours is
 * longer than any plausible scooter rental and short enough to let the next day's sessions split.
 */
export const RIDE_HOLD_MINUTES = 180;

const GAP_SETTING = 'gap_minutes';
const FULL_BUILD_SETTING = 'sessions_full_build';

export async function readSetting(db: Queryable, key: string): Promise<string | undefined> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM explorer_settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

export async function writeSetting(db: Queryable, key: string, value: string): Promise<void> {
  await db.query(
    'INSERT INTO explorer_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [key, value],
  );
}

export function validateGapMinutes(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    throw new UserError(`The session gap must be a whole number of minutes from 1 to 1440, not ${minutes}.`, 2);
  }
}

/** The gap the sessions were last built with, or undefined before the first build. */
export async function readGapMinutes(db: Queryable): Promise<number | undefined> {
  const value = await readSetting(db, GAP_SETTING);
  return value === undefined ? undefined : Number(value);
}

export async function saveGapMinutes(db: Queryable, minutes: number): Promise<void> {
  await writeSetting(db, GAP_SETTING, String(minutes));
}

/**
 * Asks the next sessions build to rebuild every key: cheaper than marking each key dirty when a load brought
 * them all (src/etl/bulk.ts). Kept until a build commits.
 */
export async function requestFullBuild(db: Queryable): Promise<void> {
  await writeSetting(db, FULL_BUILD_SETTING, 'requested');
}

export async function fullBuildRequested(db: Queryable): Promise<boolean> {
  return (await readSetting(db, FULL_BUILD_SETTING)) !== undefined;
}

export async function clearFullBuildRequest(db: Queryable): Promise<void> {
  await db.query('DELETE FROM explorer_settings WHERE key = $1', [FULL_BUILD_SETTING]);
}
