/**
 * `npm run bench`: our pipeline against DuckDB doing the same job on the same file and against the seed's
 * straightforward SQL path on one PostgreSQL server, in one run; then on what was loaded: lookups, Stats, the gap
 * curve against a rebuild, a 1% delta; the embedded backend, and the app's start. Prints the figures as markdown
 * (the tables of docs/benchmarks.md) and writes them to bench/results/. See docs/benchmarks.md for what each
 * figure compares.
 */
import { performance } from 'node:perf_hooks';
import { sampleFile } from '../src/config/paths.js';
import { UserError } from '../src/errors.js';
import { formatDuration } from '../src/format/values.js';
import { benchCitus } from './citus.js';
import { compareOnServer } from './compare.js';
import { DATA_SEED, generatedLog, removeScratchFolders } from './datasets.js';
import { benchEmbedded } from './embedded.js';
import { count } from './format.js';
import { benchLargeLoad } from './large.js';
import { describeLookups, measureLookupsIn } from './lookups.js';
import { describeMachine, finishMachine } from './machine.js';
import { parseBenchOptions, USAGE, type BenchOptions } from './options.js';
import { renderMarkdown, updateDoc, writeResults } from './report.js';
import { summarizeEmbeddedLoad, summarizeServer, summarizeStartup, type BenchResults, type EmbeddedLoadResult, type LookupResult } from './results.js';
import { ScratchDatabases } from './server.js';
import { targetFromText } from '../src/config/target.js';
import { openDatabase } from '../src/db/connect.js';
import { benchDelta } from './delta.js';
import { timeGapsAgainstRebuild, timeStatsFirstOpen } from './explore.js';
import { seconds } from './format.js';
import { runOurLoad } from './ours.js';
import { benchSql } from './sql-files.js';
import { timeCliLookup } from './startup.js';

const LARGE_ROWS = 10_000_000;
/** Runs of each start-up figure (the median of 5, as the aims are stated); a smoke run does 2. */
const START_RUNS = 5;
const QUICK_START_RUNS = 2;
const started = performance.now();
const log = (line: string) => process.stderr.write(`[bench ${formatDuration(performance.now() - started).padStart(6)}] ${line}\n`);

async function bench(options: BenchOptions, scratch: ScratchDatabases): Promise<BenchResults> {
  const machine = describeMachine(await scratch.serverVersion());
  log(`generating (or reusing) ${count(options.rows)} rows of event log`);
  const file = await generatedLog(options.rows);

  log(`server: ${options.runs} run(s) of ours against the seed's path and DuckDB`);
  const comparison = await compareOnServer(scratch, file, options.runs, log);
  const rows = comparison.runs[0]!.ours.read;
  const loaded = comparison.loadedUrl;
  const serverLookups = await measureLookupsIn(targetFromText(loaded), options.lookups);
  log(`server lookups, ${describeLookups(serverLookups)}`);
  const lookups: LookupResult[] = [{ backend: 'server', dataset: 'generated', rows, figures: serverLookups }];
  const statsFirstOpen = await timeStatsFirstOpen(loaded, options.runs);
  log(`stats opened: ${statsFirstOpen.runsMs.map(seconds).join(' ')}`);
  const { events, sessions, seedFlagSessions } = comparison.runs[0]!.duckdb;
  const counts = { duckdb: { events, sessions, seedFlagSessions }, ours: statsFirstOpen.counts };
  const gaps = await timeGapsAgainstRebuild(loaded, options.runs, log);
  // last: it adds the delta to the database
  const delta = await benchDelta(scratch, file, loaded, 'base', log);
  await scratch.drop(loaded);

  const cliRuns = options.quick ? QUICK_START_RUNS : START_RUNS;
  log(`start-up: the sample into a server database, then ${cliRuns} lookups through the installed command`);
  const cliLookup = await benchCliLookup(scratch, cliRuns);

  // The shipped 100k sample, timed like the server runs, and the app's start on it; the generated file once (it
  // takes a minute or two), skipped by a quick run.
  const embedded = [
    { dataset: 'sample', file: sampleFile, runs: options.runs },
    ...(options.quick ? [] : [{ dataset: 'generated', file, runs: 1 }]),
  ];
  const embeddedLoads: EmbeddedLoadResult[] = [];
  let startup: BenchResults['startup'] = null;
  for (const { dataset, file: source, runs } of embedded) {
    const startupRuns = dataset === 'sample' ? (options.quick ? QUICK_START_RUNS : Math.max(options.runs, START_RUNS)) : 0;
    const result = await benchEmbedded(dataset, source, runs, { lookups: options.lookups, startupRuns }, log);
    const read = result.loads[0]!.read;
    embeddedLoads.push(summarizeEmbeddedLoad(dataset, read, result.loads));
    lookups.push({ backend: 'embedded', dataset, rows: read, figures: result.lookups });
    if (result.startup) startup = summarizeStartup(dataset, read, result.startup.runsMs);
  }

  let large: BenchResults['large'] = null;
  if (options.tenMillion) {
    log(`large: generating (or reusing) ${count(LARGE_ROWS)} rows`);
    large = { rows: LARGE_ROWS, ...(await benchLargeLoad(scratch, await generatedLog(LARGE_ROWS), options.lookups, log)) };
    lookups.push({ backend: 'server', dataset: 'generated', rows: LARGE_ROWS, figures: large.lookups });
  }

  // not the server URL: it may carry a password
  const { runs, quick, tenMillion } = options;
  return {
    generatedAt: new Date().toISOString(),
    machine: finishMachine(machine),
    options: { rows: options.rows, runs, lookups: options.lookups, quick, tenMillion },
    dataSeed: DATA_SEED,
    server: { rows, runs: comparison.runs, summary: summarizeServer(comparison.runs) },
    lookups,
    embeddedLoads,
    startup,
    cliLookup,
    counts,
    explore: { statsFirstOpen, gaps },
    delta,
    large,
  };
}

/** The shipped sample in a server database, one of its users looked up through the installed command. */
async function benchCliLookup(scratch: ScratchDatabases, runs: number): Promise<BenchResults['cliLookup']> {
  const url = await scratch.create('sample');
  try {
    const load = await runOurLoad(url, sampleFile);
    const db = await openDatabase(targetFromText(url));
    const id = await db.query<{ anonymousId: string }>(benchSql('lookup_sample.sql'), [1, 'bench']).finally(() => db.close());
    const figures = await timeCliLookup(url, id.rows[0]!.anonymousId, runs);
    log(`start-up: sessions <id> --json ${figures.lookupMs.map(seconds).join(' ')}; node -e '' ${figures.bareNodeMs.map(seconds).join(' ')}`);
    return { rows: load.read, ...figures };
  } finally {
    await scratch.drop(url);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseBenchOptions(argv);
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const scratch = new ScratchDatabases(options.serverUrl);
  const cleanUp = async () => {
    await scratch.dropAll();
    removeScratchFolders();
  };
  // Ctrl-C also reaches the child in flight (it stops); the scratch databases and folders must not outlive us.
  process.once('SIGINT', () => {
    log('interrupted: dropping the scratch databases');
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    if (options.citus) {
      const sizes = [options.rows, ...(options.tenMillion ? [LARGE_ROWS] : [])];
      process.stdout.write(`${await benchCitus(scratch, sizes, options.runs, log)}\n`);
      return;
    }
    const results = await bench(options, scratch);
    const markdown = renderMarkdown(results);
    process.stdout.write(`${markdown}\n`);
    const written = writeResults(results, markdown);
    log(`wrote ${written.join(' and ')}`);
    if (options.updateDoc) {
      updateDoc(markdown);
      log('updated the figures in docs/benchmarks.md');
    }
  } finally {
    await cleanUp();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UserError ? error.exitCode : 1;
});
