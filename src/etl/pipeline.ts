import { performance } from 'node:perf_hooks';
import { runInTransaction, type Database } from '../db/database.js';
import { describeLayoutChanges, keyParts, onPartsInParallel } from '../db/layout.js';
import { sqlFile } from '../db/sql-files.js';
import { sqlTemplate } from '../sessions/sql-template.js';
import { validateGapMinutes } from '../sessions/settings.js';
import { UserError } from '../errors.js';
import { appendRunLog } from '../log/run-log.js';
import { buildSessions } from '../sessions/build.js';
import { loadFile } from './load.js';
import { createSchema } from './schema.js';
import type { LoadSummary, PipelineEvent, StepName } from './events.js';

export interface PipelineOptions {
  file: string;
  /** Session gap in minutes; a change from the saved gap rebuilds every session. */
  gapMinutes?: number;
  batchRows?: number;
  encoding?: string;
  maxLineBytes?: number;
  signal?: AbortSignal;
  /** Something that failed without failing the run (a log or rejects file that cannot be written). */
  onWarning?: (message: string) => void;
  onEvent?: (event: PipelineEvent) => void;
}

export interface PipelineResult {
  load: LoadSummary;
  steps: { step: StepName; elapsedMs: number; detail: string }[];
}

interface Step {
  name: StepName;
  title: string;
  /** Returns a one-line detail for the step list and the run log. */
  run(db: Database, options: PipelineOptions, result: Partial<PipelineResult>): Promise<string>;
}

// etl sits below format (docs/architecture.md), so the counts are grouped here as format groups them
const count = (n: number) => n.toLocaleString('en-US');

function formatLoad(load: LoadSummary): string {
  return `${count(load.read)} read, ${count(load.inserted)} new, ${count(load.duplicates)} duplicates, ${count(load.rejected)} rejected`;
}

/**
 * The session key's index and fresh statistics: a partition at a time, on as many connections as there are cores;
 * then the whole table's index, which only attaches the partitions' ones (or is built whole, with its statistics,
 * where the table is in one piece to the app, as on Citus).
 */
export async function postLoad(db: Database, signal?: AbortSignal): Promise<void> {
  const parts = await keyParts(db);
  await onPartsInParallel(db, parts, { signal }, async (connection, share) => {
    for (const part of share) {
      await runInTransaction(connection, async (tx) => {
        await tx.exec(sqlFile('work_memory.sql'));
        await tx.query(sqlTemplate('post_load_index.sql', { events: `mobile_events${part}` }));
        await tx.query(sqlTemplate('post_load_analyze.sql', { events: `mobile_events${part}` }));
      });
    }
  });
  await db.transaction(async (tx) => {
    await tx.exec(sqlFile('work_memory.sql'));
    await tx.query(sqlTemplate('post_load_index.sql', { events: 'mobile_events' }));
    // on a partitioned table ANALYZE would sample every partition again: theirs are fresh, and they are what the
    // planner reads for each partition it scans
    if (parts.length === 0) await tx.query(sqlTemplate('post_load_analyze.sql', { events: 'mobile_events' }));
  }, { signal });
}

/**
 * Stopped on request in a step other than the load itself (the loader's own stop is LoadInterrupted): the rows
 * that were loaded stay, and the sessions wait for a rebuild.
 */
export class PipelineStopped extends UserError {
  constructor(
    readonly step: StepName,
    readonly load: LoadSummary | undefined,
  ) {
    super(
      load
        ? `Stopped at "${titleOf(step)}". The load itself had finished (${formatLoad(load)}, all committed); ` +
            'the sessions are not up to date: run `session-explorer rebuild` to build them.'
        : `Stopped at "${titleOf(step)}", before any row was loaded.`,
      130,
    );
  }
}

const titleOf = (step: StepName) => PIPELINE.find((s) => s.name === step)?.title ?? step;

/** The ETL, declared as data like the seed's pipeline. Every step is idempotent: running it twice changes nothing. */
export const PIPELINE: readonly Step[] = [
  {
    name: 'schema',
    title: 'Create tables',
    async run(db, options) {
      const changes = await createSchema(db);
      if (changes.length > 0) options.onWarning?.(describeLayoutChanges(changes));
      return 'tables ready';
    },
  },
  {
    name: 'load',
    title: 'Load the CSV',
    async run(db, options, result) {
      const { file, batchRows, encoding, maxLineBytes, signal, onEvent } = options;
      result.load = await loadFile(db, file, {
        batchRows,
        encoding,
        maxLineBytes,
        signal,
        onProgress: (progress) => onEvent?.({ type: 'load-progress', progress }),
      });
      if (result.load.warning !== undefined) options.onWarning?.(result.load.warning);
      return formatLoad(result.load);
    },
  },
  {
    name: 'post-load',
    title: 'Indexes and statistics',
    async run(db, { signal }) {
      await postLoad(db, signal);
      return 'session index and statistics up to date';
    },
  },
  {
    name: 'sessions',
    title: 'Build sessions',
    async run(db, options) {
      const built = await buildSessions(db, { gapMinutes: options.gapMinutes, signal: options.signal });
      return `${built.mode}: ${built.keys} user/device keys, ${built.sessions} sessions`;
    },
  },
];

export async function runPipeline(db: Database, options: PipelineOptions): Promise<PipelineResult> {
  // Every option is checked before the first row is read, not after the rows are committed.
  if (options.gapMinutes !== undefined) validateGapMinutes(options.gapMinutes);
  const result: Partial<PipelineResult> = { steps: [] };
  const emit = (event: PipelineEvent) => options.onEvent?.(event);
  let logWarned = false;
  const log = (fields: Parameters<typeof appendRunLog>[0]) => {
    const problem = appendRunLog(fields);
    if (problem !== null && !logWarned) options.onWarning?.(problem);
    logWarned ||= problem !== null;
  };
  for (const step of PIPELINE) {
    if (options.signal?.aborted) throw new PipelineStopped(step.name, result.load);
    const started = performance.now();
    emit({ type: 'step-start', step: step.name, title: step.title });
    try {
      const detail = await step.run(db, options, result);
      const elapsedMs = Math.round(performance.now() - started);
      result.steps!.push({ step: step.name, elapsedMs, detail });
      log({ step: step.name, db: db.description, status: 'done', elapsed_ms: elapsedMs, detail });
      emit({ type: 'step-done', step: step.name, elapsedMs, detail });
    } catch (error) {
      const elapsedMs = Math.round(performance.now() - started);
      const message = (error as Error).message;
      log({ step: step.name, db: db.description, status: 'failed', elapsed_ms: elapsedMs, error: message });
      emit({ type: 'step-failed', step: step.name, elapsedMs, error: message });
      // the statement the stop cancelled fails with the server's words: say what stopped, and what was done
      if (options.signal?.aborted && step.name !== 'load') throw new PipelineStopped(step.name, result.load);
      throw error;
    }
  }
  return result as PipelineResult;
}
