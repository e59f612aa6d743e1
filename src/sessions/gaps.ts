import type { Database } from '../db/database.js';
import { sqlFile } from '../db/sql-files.js';
import { UserError } from '../errors.js';
import { readGapMinutes } from './settings.js';
import type { Outcome } from './types.js';

/** The curve covers every whole-minute gap setting from 1 to this. */
export const MAX_CURVE_GAP = 120;

export interface GapPoint {
  gap: number;
  /** Sessions (the seed's definition) a build with this gap would make. */
  sessions: number;
  /** Of them, those holding the seed's flag (an event name with Ride Started, Ride Done or Rating Screen). */
  seedFlagSessions: number;
  /** Of them, those whose outcome is booked (their furthest stage's). */
  bookedSessions: number;
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

/** The funnel's booked stages are not one run of consecutive ranks, which the curve's booked count relies on. */
export class BookedStagesSplitError extends UserError {
  constructor(ranks: readonly number[]) {
    super(`The gap curve needs the funnel's booked stages to follow each other in rank; they are ranks ${ranks.join(', ')}.`);
    this.name = 'BookedStagesSplitError';
  }
}

/**
 * The ranks that bound the booked stages: a session is booked iff its furthest stage is one of them, i.e. iff it
 * reaches `from` and not `above` (the first stage past them, null when they are the last). That holds for one run
 * of consecutive ranks with any stages around it; a funnel with booked stages on both sides of another is refused.
 */
export function bookedRanks(stages: readonly { rank: number; outcome: Outcome }[]): { from: number | null; above: number | null } {
  const sorted = [...stages].sort((a, b) => a.rank - b.rank);
  const booked = sorted.filter((s) => s.outcome === 'booked').map((s) => s.rank);
  if (booked.length === 0) return { from: null, above: null };
  const first = sorted.findIndex((s) => s.outcome === 'booked');
  const run = sorted.slice(first, first + booked.length);
  if (run.some((s) => s.outcome !== 'booked')) throw new BookedStagesSplitError(booked);
  return { from: booked[0]!, above: sorted[first + booked.length]?.rank ?? null };
}

type Kind = 'gap' | 'seed' | 'from' | 'above';

/**
 * Counts at every gap from 1 to MAX_CURVE_GAP minutes from one histogram: `always` rows count at every gap, a row of
 * `minutes` m counts at every gap up to m (see sql/sessions_gap_curve.sql).
 */
function atEveryGap(rows: readonly { kind: Kind; minutes: number | null; n: number }[], kind: Kind): number[] {
  const byMinutes = new Array<number>(MAX_CURVE_GAP + 2).fill(0);
  let always = 0;
  for (const row of rows) {
    if (row.kind !== kind) continue;
    if (row.minutes === null) always += Number(row.n);
    else byMinutes[row.minutes] = Number(row.n);
  }
  const counts = new Array<number>(MAX_CURVE_GAP + 1).fill(0);
  let atLeast = byMinutes[MAX_CURVE_GAP + 1]!;
  for (let gap = MAX_CURVE_GAP; gap >= 1; gap--) {
    atLeast += byMinutes[gap]!;
    counts[gap] = always + atLeast;
  }
  return counts;
}

/**
 * At every gap from 1 to MAX_CURVE_GAP minutes: the sessions a build would make, those with the seed's flag and the
 * booked ones, exactly, from one pass over the events in the session key's order (no rebuild). The pass is one
 * statement; aborting `signal` cancels it on the server.
 */
export async function gapCurve(db: Database, signal?: AbortSignal): Promise<GapCurve> {
  return db.withConnection(
    async (connection) => {
      const stages = await connection.query<{ rank: number; outcome: Outcome }>('SELECT rank, outcome FROM funnel_stages');
      const { from, above } = bookedRanks(stages.rows);
      const { rows } = await connection.query<{ kind: Kind; minutes: number | null; n: number }>(sqlFile('sessions_gap_curve.sql'), [
        MAX_CURVE_GAP,
        from,
        above,
      ]);
      const sessions = atEveryGap(rows, 'gap');
      const seed = atEveryGap(rows, 'seed');
      const reached = atEveryGap(rows, 'from');
      const beyond = atEveryGap(rows, 'above');
      const points = Array.from({ length: MAX_CURVE_GAP }, (_, i): GapPoint => {
        const gap = i + 1;
        return { gap, sessions: sessions[gap]!, seedFlagSessions: seed[gap]!, bookedSessions: reached[gap]! - beyond[gap]! };
      });
      const keys = rows.filter((r) => r.kind === 'gap' && r.minutes === null).reduce((sum, r) => sum + Number(r.n), 0);
      return { keys, gapMinutes: (await readGapMinutes(connection)) ?? null, points, knee: kneeOf(points) };
    },
    { signal },
  );
}

/**
 * The knee: the gap whose point lies furthest below the straight line from the curve's first point to its last,
 * both axes scaled to 0..1 (the "Kneedle" rule). Past it, a longer gap merges few more sessions. A flat or
 * straight curve has none.
 */
export function kneeOf(points: readonly Pick<GapPoint, 'gap' | 'sessions'>[]): number | null {
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
