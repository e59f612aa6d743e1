import { runInTransaction, type Connection, type Database } from '../db/database.js';
import { keyParts, onPartsInParallel, readLayout, sharedStep } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { ensureSessionSchema } from './schema.js';
import { sqlTemplate } from './sql-template.js';
import { addSessionStats, retractSessionStats } from './stats-rollup.js';
import {
  clearFullBuildRequest,
  DEFAULT_GAP_MINUTES,
  fullBuildRequested,
  RIDE_HOLD_MINUTES,
  readGapMinutes,
  requestFullBuild,
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

/** What a build reads and writes: everything, the dirty keys (views over session_dirty_keys), or one partition. */
interface Scope {
  events: string;
  /** the sessions the user summaries are made from */
  sessions: string;
  /** the sessions of the keys built, for the counts */
  keySessions: string;
}

const WHOLE: Scope = { events: 'mobile_events', sessions: 'sessions', keySessions: 'sessions' };
const DIRTY: Scope = { events: 'dirty_key_events', sessions: 'dirty_user_sessions', keySessions: 'dirty_key_sessions' };

function partScope(part: string): Scope {
  return { events: `mobile_events${part}`, sessions: `sessions${part}`, keySessions: `sessions${part}` };
}

type Counts = Pick<SessionBuildSummary, 'keys' | 'sessions' | 'rideAwareSessions'>;

/** Builds the sessions and user summaries of `scope`'s keys, whose old ones are gone; returns what it made. */
async function buildScope(connection: Connection, scope: Scope, gapMinutes: number): Promise<Counts> {
  const shared = sharedStep(await readLayout(connection));
  await connection.exec(sqlFile('work_memory.sql'));
  await connection.query(sqlTemplate('sessions_build.sql', { events: scope.events, shared }), [gapMinutes, RIDE_HOLD_MINUTES]);
  await connection.query(sqlTemplate('sessions_users.sql', { sessions: scope.sessions }));
  const { rows } = await connection.query<{ keys: number; sessions: number; ride_aware_sessions: number }>(
    sqlTemplate('sessions_built_counts.sql', { sessions: scope.keySessions }),
  );
  const counts = rows[0]!;
  return { keys: counts.keys, sessions: counts.sessions, rideAwareSessions: counts.ride_aware_sessions };
}

/** What every build ends with, in the transaction that makes it final: the keys are built with this gap. */
async function finishBuild(connection: Connection, gapMinutes: number): Promise<void> {
  await connection.query('DELETE FROM session_dirty_keys');
  await clearFullBuildRequest(connection);
  await saveGapMinutes(connection, gapMinutes);
}

/** Rebuilds everything, or the dirty keys, in the one transaction of `connection`. */
async function rebuild(connection: Connection, mode: SessionBuildSummary['mode'], gapMinutes: number): Promise<Counts> {
  await retractSessionStats(connection, mode);
  await connection.exec(sqlFile(mode === 'full' ? 'sessions_take_all_keys.sql' : 'sessions_take_dirty_keys.sql'));
  const counts = await buildScope(connection, mode === 'full' ? WHOLE : DIRTY, gapMinutes);
  await addSessionStats(connection, mode);
  await finishBuild(connection, gapMinutes);
  return counts;
}

/**
 * Rebuilds everything on a partitioned table: each partition sorted on its own, on as many connections as there
 * are cores, each connection one transaction for its share. The full build stays requested until the last step,
 * after every share committed, so a crash part way leaves a full build to do, never a mix of gaps.
 */
async function rebuildParts(db: Database, parts: readonly string[], gapMinutes: number, signal?: AbortSignal): Promise<Counts> {
  await requestFullBuild(db);
  const total: Counts = { keys: 0, sessions: 0, rideAwareSessions: 0 };
  await onPartsInParallel(db, parts, { signal }, (connection, share) =>
    runInTransaction(connection, async (tx) => {
      await tx.exec(sqlFile('sessions_take_parts.sql'));
      for (const part of share) await tx.query(sqlTemplate('sessions_take_part.sql', { part }));
      for (const part of share) {
        const counts = await buildScope(tx, partScope(part), gapMinutes);
        await tx.query(sqlTemplate('sessions_done_part.sql', { part }));
        total.keys += counts.keys;
        total.sessions += counts.sessions;
        total.rideAwareSessions += counts.rideAwareSessions;
      }
    }),
  );
  // Stats' sums are made over every partition at once, after the shares: upserts of the same days from several
  // connections would wait on each other's row locks until commit
  await db.transaction(async (tx) => {
    await retractSessionStats(tx, 'full');
    await addSessionStats(tx, 'full');
    await finishBuild(tx, gapMinutes);
  }, { signal });
  return total;
}

/**
 * Brings the sessions up to date with the events: only the keys the loader marked dirty, or everything when asked,
 * when the gap changes, after a bulk load, or on the first build. An incremental build is one transaction: a crash
 * leaves the keys dirty for the next build. A full build on partitions runs them in parallel (`rebuildParts`).
 */
export async function buildSessions(db: Database, options: SessionBuildOptions = {}): Promise<SessionBuildSummary> {
  const started = performance.now();
  if (options.gapMinutes !== undefined) validateGapMinutes(options.gapMinutes);
  await ensureSessionSchema(db);
  const saved = await readGapMinutes(db);
  const gapMinutes = options.gapMinutes ?? saved ?? DEFAULT_GAP_MINUTES;
  const full = options.full === true || saved !== gapMinutes || (await fullBuildRequested(db));
  const mode = full ? 'full' : 'incremental';
  const parts = full ? await keyParts(db) : [];
  const counts =
    parts.length > 0
      ? await rebuildParts(db, parts, gapMinutes, options.signal)
      : await db.transaction((connection) => rebuild(connection, mode, gapMinutes), { signal: options.signal });
  return { mode, ...counts, gapMinutes, elapsedMs: Math.round(performance.now() - started) };
}
