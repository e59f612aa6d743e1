/** Where the lookups ran. */
export type Backend = 'embedded' | 'server';
import type { StepName } from '../src/etl/events.js';
import type { SeedPathRun } from './baseline.js';
import type { ServerRun } from './compare.js';
import type { LargeLoad } from './large.js';
import type { LookupFigures } from './lookups.js';
import type { Machine } from './machine.js';
import type { EmbeddedLoadRun } from './embedded.js';
import type { TreePeak } from './process-tree.js';
import type { DeltaLoad } from './delta.js';
import type { SessionCounts } from './duckdb.js';
import type { GapsAgainstRebuild, StatsFirstOpen } from './explore.js';
import type { CliLookupFigures } from './startup.js';
import { median, medianRatio, rowsPerSecond } from './stats.js';

/** Ours against the baseline: medians of each side, and the median of the per-run ratios (ours / baseline). */
export interface Compared {
  oursMs: number;
  baselineMs: number;
  ratio: number;
  perRunRatios: number[];
}

export interface ServerSummary {
  /** Our `load` step (rows into the table: parse, validate, hash, COPY, dedup) against the bare `\copy`. */
  load: Compared & { oursRowsPerSecond: number; baselineRowsPerSecond: number; peakRssMb: number; peakRssMbOutside: number | null };
  /** Our full sessions build against the seed's window query materialized, each alone on its vacuumed table. */
  sessions: Compared;
  /** The whole `load` command against the seed's whole path. */
  pipeline: Compared;
  /** The whole `load` command against DuckDB reading the file and building the same sessions. */
  duckdb: Compared & { version: string; threads: number; peakRssMb: number };
  /** Median time of each stage; `other` is our command's start-up, connections and exit. */
  stages: { ours: Record<StepName | 'other', number>; seed: Omit<SeedPathRun, 'totalMs'> };
}

export interface LookupResult {
  backend: Backend;
  dataset: string;
  rows: number;
  figures: LookupFigures;
}

/** The embedded database's ceilings: what a user's machine must be able to give it, and how long they wait to browse. */
export const EMBEDDED_AIMS = { treePssMb: 600, startupMs: 1000 } as const;

export interface EmbeddedLoadResult {
  dataset: string;
  rows: number;
  runs: EmbeddedLoadRun[];
  /** The worst run's peak PSS of our `load` and the server it started, summed, sampled every 200 ms. */
  treePss: TreePeak & { aimMb: number };
}

/** From `npm start` to the Users list on a loaded folder, the embedded server's start included. */
export interface StartupResult {
  dataset: string;
  rows: number;
  runsMs: number[];
  medianMs: number;
  aimMs: number;
}

export interface BenchResults {
  generatedAt: string;
  machine: Machine;
  options: { rows: number; runs: number; lookups: number; quick: boolean; tenMillion: boolean };
  /** The generator's seed for every generated file. */
  dataSeed: number;
  server: { rows: number; runs: ServerRun[]; summary: ServerSummary };
  lookups: LookupResult[];
  embeddedLoads: EmbeddedLoadResult[];
  /** Null where tmux is not installed. */
  startup: StartupResult | null;
  /** `sessions <id> --json` through the installed command, against a bare Node, on the sample in a server database. */
  cliLookup: CliLookupFigures & { rows: number };
  /** DuckDB's counts against ours (the all-time stats), on the server's last database. */
  counts: { duckdb: SessionCounts; ours: SessionCounts };
  /** On the server's last database: opening Stats, and the gap curve against a full rebuild. */
  explore: { statsFirstOpen: StatsFirstOpen; gaps: GapsAgainstRebuild };
  /** The 1% delta into the server's last database, against the same into an empty one. */
  delta: DeltaLoad;
  large: (LargeLoad & { rows: number }) | null;
}

function compared(pairs: { ours: number; baseline: number }[]): Compared {
  return {
    oursMs: median(pairs.map((p) => p.ours)),
    baselineMs: median(pairs.map((p) => p.baseline)),
    ratio: medianRatio(pairs),
    perRunRatios: pairs.map((p) => p.ours / p.baseline),
  };
}

const medianOf = (runs: readonly ServerRun[], pick: (run: ServerRun) => number) => median(runs.map(pick));

export function summarizeServer(runs: readonly ServerRun[]): ServerSummary {
  const rows = runs[0]!.ours.read;
  const load = compared(runs.map((r) => ({ ours: r.ours.steps.load, baseline: r.seed.copyMs })));
  const outside = runs.map((r) => r.ours.peakRssMbOutside).filter((mb): mb is number => mb !== null);
  const stepsTotal = (r: ServerRun) => Object.values(r.ours.steps).reduce((sum, ms) => sum + ms, 0);
  return {
    load: {
      ...load,
      oursRowsPerSecond: rowsPerSecond(rows, load.oursMs),
      baselineRowsPerSecond: rowsPerSecond(rows, load.baselineMs),
      // the worst run, not the median: the aim is a ceiling
      peakRssMb: Math.max(...runs.map((r) => r.ours.peakRssMb)),
      peakRssMbOutside: outside.length > 0 ? Math.max(...outside) : null,
    },
    sessions: compared(runs.map((r) => ({ ours: r.oursSessionsMs, baseline: r.seedSessionsMs }))),
    pipeline: compared(runs.map((r) => ({ ours: r.ours.wallMs, baseline: r.seed.totalMs }))),
    duckdb: {
      ...compared(runs.map((r) => ({ ours: r.ours.wallMs, baseline: r.duckdb.wallMs }))),
      version: runs[0]!.duckdb.version,
      threads: runs[0]!.duckdb.threads,
      peakRssMb: Math.max(...runs.map((r) => r.duckdb.peakRssMbOutside ?? r.duckdb.peakRssMb)),
    },
    stages: {
      ours: {
        schema: medianOf(runs, (r) => r.ours.steps.schema),
        load: medianOf(runs, (r) => r.ours.steps.load),
        'post-load': medianOf(runs, (r) => r.ours.steps['post-load']),
        sessions: medianOf(runs, (r) => r.ours.steps.sessions),
        other: medianOf(runs, (r) => r.ours.wallMs - stepsTotal(r)),
      },
      seed: {
        schemaMs: medianOf(runs, (r) => r.seed.schemaMs),
        copyMs: medianOf(runs, (r) => r.seed.copyMs),
        hashMs: medianOf(runs, (r) => r.seed.hashMs),
        indexesMs: medianOf(runs, (r) => r.seed.indexesMs),
        sessionsMs: medianOf(runs, (r) => r.seed.sessionsMs),
      },
    },
  };
}

export function summarizeEmbeddedLoad(dataset: string, rows: number, runs: EmbeddedLoadRun[]): EmbeddedLoadResult {
  // the worst run, not the median: the aim is a ceiling
  const worst = runs.reduce((a, b) => (b.tree.totalMb > a.tree.totalMb ? b : a));
  return { dataset, rows, runs, treePss: { ...worst.tree, aimMb: EMBEDDED_AIMS.treePssMb } };
}

export function summarizeStartup(dataset: string, rows: number, runsMs: number[]): StartupResult {
  return { dataset, rows, runsMs, medianMs: median(runsMs), aimMs: EMBEDDED_AIMS.startupMs };
}
