import type { Database, Queryable } from '../db/database.js';
import { readLayout, sharedStep } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { sqlTemplate } from './sql-template.js';
import { RIDE_HOLD_MINUTES, readGapMinutes } from './settings.js';

/** The curve covers every whole-minute gap setting from 1 to this. */
export const MAX_CURVE_GAP = 120;
/** The settings whose booked share is computed by a scratch rebuild (each costs a build). */
export const SHARE_GAPS: readonly number[] = [5, 10, 15, 30, 60];

export interface GapPoint {
  gap: number;
  /** Sessions (the seed's definition) a build with this gap would make. */
  sessions: number;
  /** Sessions whose outcome is booked, of all, at this gap; only where computed (SHARE_GAPS). */
  bookedShare?: number | null;
}

export interface GapCurve {
  /** Keys (user, device): the sessions no gap can merge away. */
  keys: number;
  /** The gap the stored sessions were built with. */
  gapMinutes: number | null;
  points: GapPoint[];
  /** Where the curve flattens (see kneeOf), or null for a flat curve. */
  knee: number | null;
}

/**
 * The session count at every gap from 1 to MAX_CURVE_GAP minutes, from one pass over the events: a key's events
 * make one session plus one per gap that splits, so sessions(G) = keys + gaps splitting at G. No rebuild.
 */
export async function gapCurve(db: Queryable): Promise<GapCurve> {
  const { rows } = await db.query<{ minutes: number | null; gaps: number }>(sqlFile('sessions_gap_distribution.sql'), [MAX_CURVE_GAP]);
  const keys = rows.find((r) => r.minutes === null)?.gaps ?? 0;
  // splitting[m]: gaps that split at every setting up to m, and no higher
  const splitting = new Array<number>(MAX_CURVE_GAP + 2).fill(0);
  for (const row of rows) if (row.minutes !== null) splitting[row.minutes] = Number(row.gaps);
  const points: GapPoint[] = [];
  let atLeast = splitting[MAX_CURVE_GAP + 1]!;
  for (let gap = MAX_CURVE_GAP; gap >= 1; gap--) {
    atLeast += splitting[gap]!;
    points.unshift({ gap, sessions: Number(keys) + atLeast });
  }
  return { keys: Number(keys), gapMinutes: (await readGapMinutes(db)) ?? null, points, knee: kneeOf(points) };
}

/**
 * The knee: the gap whose point lies furthest below the straight line from the curve's first point to its last,
 * both axes scaled to 0..1 (the "Kneedle" rule). Past it, a longer gap merges few more sessions. A flat or
 * straight curve has none.
 */
export function kneeOf(points: readonly GapPoint[]): number | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || first.sessions === last.sessions || first.gap === last.gap) return null;
  let best: { gap: number; depth: number } | null = null;
  for (const p of points) {
    const x = (p.gap - first.gap) / (last.gap - first.gap);
    const y = (p.sessions - last.sessions) / (first.sessions - last.sessions);
    const depth = 1 - x - y;
    if (!best || depth > best.depth) best = { gap: p.gap, depth };
  }
  // a straight line has no knee (rounding leaves a trace of depth on it)
  return best && best.depth > 1e-9 ? best.gap : null;
}

/**
 * The booked share (outcome booked, of all sessions) if the sessions were built with `gap`: the build runs into a
 * temporary table in its own transaction, so the stored sessions and the saved gap are untouched.
 */
export async function bookedShareAt(db: Database, gap: number, signal?: AbortSignal): Promise<number | null> {
  return db.transaction(
    async (connection) => {
      await connection.exec(sqlFile('sessions_scratch.sql'));
      const shared = sharedStep(await readLayout(connection));
      await connection.query(sqlTemplate('sessions_build.sql', { events: 'mobile_events', shared }), [gap, RIDE_HOLD_MINUTES]);
      const { rows } = await connection.query<{ sessions: number; booked: number }>(sqlFile('sessions_scratch_shares.sql'));
      const { sessions, booked } = rows[0]!;
      return Number(sessions) === 0 ? null : Number(booked) / Number(sessions);
    },
    { signal },
  );
}

/** The curve with the booked share filled in at each of SHARE_GAPS, one scratch rebuild after the other. */
export async function gapCurveWithShares(db: Database): Promise<GapCurve> {
  const curve = await gapCurve(db);
  for (const point of curve.points) {
    if (SHARE_GAPS.includes(point.gap)) point.bookedShare = await bookedShareAt(db, point.gap);
  }
  return curve;
}
