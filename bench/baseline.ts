import { runTimed } from './process.js';
import { benchSqlPath } from './sql-files.js';

/** The seed's path, stage by stage (milliseconds, wall clock of each psql). */
export interface SeedPathRun {
  schemaMs: number;
  copyMs: number;
  hashMs: number;
  indexesMs: number;
  sessionsMs: number;
  totalMs: number;
}

async function psql(url: string, args: readonly string[], stdinFile?: string): Promise<number> {
  const { elapsedMs } = await runTimed('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...args], { stdinFile });
  return elapsedMs;
}

const script = (url: string, name: string, stdinFile?: string) => psql(url, ['-f', benchSqlPath(name)], stdinFile);

/**
 * What the seed did, as plain as it gets, into an empty database: create the 8-column table, \copy the file,
 * add and fill the md5 column with an UPDATE of every row, build its two indexes, materialize its window query.
 */
export async function runSeedPath(url: string, file: string): Promise<SeedPathRun> {
  const schemaMs = await script(url, 'seed_schema.sql');
  const copyMs = await script(url, 'seed_copy.sql', file);
  const hashMs = await script(url, 'seed_hash.sql');
  const indexesMs = await script(url, 'seed_indexes.sql');
  const sessionsMs = await script(url, 'seed_sessions.sql');
  return { schemaMs, copyMs, hashMs, indexesMs, sessionsMs, totalMs: schemaMs + copyMs + hashMs + indexesMs + sessionsMs };
}

/** The bare bulk load alone, into an empty database: the loader's yardstick. */
export async function timeBareCopy(url: string, file: string): Promise<number> {
  await script(url, 'seed_schema.sql');
  return script(url, 'seed_copy.sql', file);
}

/**
 * The seed's sessions query alone, on the table `runSeedPath` left, after the VACUUM ANALYZE our side gets too:
 * the UPDATE's dead rows would otherwise slow the baseline down, and that is the pipeline's cost, not the query's.
 */
export async function timeSeedSessions(url: string): Promise<number> {
  await psql(url, ['-c', 'VACUUM ANALYZE mobile_events', '-c', 'DROP TABLE seed_sessions']);
  return script(url, 'seed_sessions.sql');
}
