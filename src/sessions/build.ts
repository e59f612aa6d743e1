import type { Connection, Database } from '../db/database.js';
import { readLayout, sharedStep } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { ensureSessionSchema } from './schema.js';
import { sqlTemplate } from './sql-template.js';
import {
  clearFullBuildRequest,
  DEFAULT_GAP_MINUTES,
  fullBuildRequested,
  RIDE_HOLD_MINUTES,
  readGapMinutes,
  saveGapMinutes,
  validateGapMinutes,
} from './settings.js';

export interface SessionBuildOptions {
  /** Minutes of silence that start a new session; a value other than the saved one rebuilds everything. */
  gapMinutes?: number;
  /** Rebuild every key, not only those that received rows since the last build. */
  full?: boolean;
  /** Aborting cancels the build on the server; its transaction rolls back, the keys stay dirty. */
  signal?: AbortSignal;
}

export interface SessionBuildSummary {
  mode: 'incremental' | 'full';
  /** Keys (user, device) rebuilt; for a full build, every key. */
  keys: number;
  /** Sessions (the seed's definition) of the keys rebuilt. */
  sessions: number;
  /** Sessions of the same keys under the ride-aware definition. */
  rideAwareSessions: number;
  gapMinutes: number;
  elapsedMs: number;
}

/** What a build reads and writes: everything, or the dirty keys (views over session_dirty_keys). */
const SCOPES = {
  full: { events: 'mobile_events', sessions: 'sessions', keySessions: 'sessions', take: 'sessions_take_all_keys.sql' },
  incremental: {
    events: 'dirty_key_events',
    sessions: 'dirty_user_sessions',
    keySessions: 'dirty_key_sessions',
    take: 'sessions_take_dirty_keys.sql',
  },
} as const;

async function rebuild(connection: Connection, mode: SessionBuildSummary['mode'], gapMinutes: number) {
  const scope = SCOPES[mode];
  await connection.exec(sqlFile(scope.take));
  const shared = sharedStep(await readLayout(connection));
  await connection.query(sqlTemplate('sessions_build.sql', { events: scope.events, shared }), [gapMinutes, RIDE_HOLD_MINUTES]);
  await connection.query(sqlTemplate('sessions_users.sql', { sessions: scope.sessions }));
  const { rows } = await connection.query<{ keys: number; sessions: number; ride_aware_sessions: number }>(
    sqlTemplate('sessions_built_counts.sql', { sessions: scope.keySessions }),
  );
  await connection.query('DELETE FROM session_dirty_keys');
  await clearFullBuildRequest(connection);
  await saveGapMinutes(connection, gapMinutes);
  const counts = rows[0]!;
  return { keys: counts.keys, sessions: counts.sessions, rideAwareSessions: counts.ride_aware_sessions };
}

/**
 * Brings the sessions up to date with the events: only the keys the loader marked dirty, or everything when asked,
 * when the gap changes, after a bulk load, or on the first build. One transaction: a crash leaves the keys dirty for the next build.
 */
export async function buildSessions(db: Database, options: SessionBuildOptions = {}): Promise<SessionBuildSummary> {
  const started = performance.now();
  if (options.gapMinutes !== undefined) validateGapMinutes(options.gapMinutes);
  await ensureSessionSchema(db);
  return db.transaction(async (connection) => {
    const saved = await readGapMinutes(connection);
    const gapMinutes = options.gapMinutes ?? saved ?? DEFAULT_GAP_MINUTES;
    const full = options.full === true || saved !== gapMinutes || (await fullBuildRequested(connection));
    const mode = full ? 'full' : 'incremental';
    const counts = await rebuild(connection, mode, gapMinutes);
    return { mode, ...counts, gapMinutes, elapsedMs: Math.round(performance.now() - started) };
  }, { signal: options.signal });
}
