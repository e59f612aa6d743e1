import type { Queryable } from '../db/database.js';
import { sqlFile } from '../db/sql-files.js';
import { ALL_TIME, periodParams, type Period } from './period.js';
import type { Outcome } from './types.js';

export interface FunnelStep {
  rank: number;
  stage: string;
  outcome: Outcome;
  /** Sessions whose furthest stage is this one or a later one. */
  sessions: number;
  /** Share of the previous stage's sessions (of all sessions for the first stage); null when there are none. */
  stepConversion: number | null;
  /** Share of all sessions. */
  overallConversion: number | null;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The funnel over the sessions (the seed's definition) starting in `period`, stages as defined in funnel_stages. */
export async function funnelSteps(db: Queryable, totalSessions: number, period: Period = ALL_TIME): Promise<FunnelStep[]> {
  const { rows } = await db.query<FunnelCount>(sqlFile('funnel.sql'), periodParams(period));
  return funnelOf(rows, totalSessions);
}

export type FunnelCount = Omit<FunnelStep, 'stepConversion' | 'overallConversion'>;

/** Each stage's count with its shares: of the stage before (of all sessions for the first), and of all. */
export function funnelOf(rows: readonly FunnelCount[], totalSessions: number): FunnelStep[] {
  return rows.map((row, i) => ({
    ...row,
    stepConversion: share(row.sessions, rows[i - 1]?.sessions ?? totalSessions),
    overallConversion: share(row.sessions, totalSessions),
  }));
}
