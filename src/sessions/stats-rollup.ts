import type { Connection } from '../db/database.js';
import { sqlFile } from '../db/sql-files.js';
import { sqlTemplate } from './sql-template.js';

/**
 * The build's side of Stats' sums (session_day_stats, session_duration_counts): before the sessions it replaces are
 * deleted, take them out; after the new ones are in, add them. An incremental build touches only its keys'
 * sessions, so the work is proportional to the delta; a full build starts the sums over.
 */
export async function retractSessionStats(connection: Connection, mode: 'incremental' | 'full'): Promise<void> {
  if (mode === 'full') {
    await connection.exec('TRUNCATE session_day_stats, session_duration_counts');
    return;
  }
  await connection.exec(sqlFile('sessions_stats_retract.sql'));
  await add(connection, 'dirty_key_sessions', -1);
}

async function add(connection: Connection, sessions: string, times: 1 | -1): Promise<void> {
  await connection.query(sqlTemplate('sessions_stats_rollup.sql', { sessions }), [times]);
  await connection.query(sqlTemplate('sessions_stats_durations.sql', { sessions }), [times]);
}

export async function addSessionStats(connection: Connection, mode: 'incremental' | 'full'): Promise<void> {
  const sessions = mode === 'full' ? 'sessions' : 'dirty_key_sessions';
  await add(connection, sessions, 1);
  if (mode === 'incremental') await connection.exec(sqlFile('sessions_stats_rollup_prune.sql'));
}
