import { UserError } from '../src/errors.js';
import type { FlagSpecs } from '../src/commands/command.js';
import { wholeNumber } from '../src/commands/flag-values.js';
import { flagLines } from '../src/commands/help.js';
import { parseCommandLine } from '../src/commands/parse-flags.js';

export interface BenchOptions {
  /** Rows of the generated event log the server figures (and the larger embedded figures) use. */
  rows: number;
  /** Repetitions of every timed comparison; the figures are their medians. */
  runs: number;
  /** Random users per lookup figure. */
  lookups: number;
  quick: boolean;
  /** Also generate and load 10M rows (our load against DuckDB and \copy, lookups, stats, the delta): many minutes more. */
  tenMillion: boolean;
  /** The server's maintenance database; scratch databases `se_bench_*` are created beside it and dropped. */
  serverUrl: string;
  /** Replace the figures in docs/benchmarks.md with this run's. */
  updateDoc: boolean;
  /** Instead of the rest: the load and sessions build on one server against a local Citus cluster. */
  citus: boolean;
}

const FLAGS = {
  rows: { type: 'number', placeholder: 'n', description: 'rows of the generated event log (default 1000000)' },
  runs: { type: 'number', placeholder: 'n', description: 'repetitions of each comparison; figures are medians (default 3)' },
  lookups: { type: 'number', placeholder: 'n', description: 'random users per lookup figure (default 1000)' },
  quick: { type: 'boolean', default: false, description: 'smoke run: 20000 rows, 1 run, 100 lookups; embedded: the 100k sample only (one to two minutes)' },
  tenMillion: {
    type: 'boolean',
    default: false,
    description: 'also 10M rows: our load against DuckDB and \\copy, lookups, stats, a 1% delta (10 to 15 minutes more on 2 CPUs)',
  },
  server: {
    type: 'string',
    placeholder: 'url',
    description: 'maintenance database of the server (default: BENCH_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres)',
  },
  updateDoc: { type: 'boolean', default: false, description: "write this run's figures into docs/benchmarks.md" },
  citus: {
    type: 'boolean',
    default: false,
    description: 'instead: the load and the sessions build on the server against a local Citus cluster (needs Citus installed)',
  },
} as const satisfies FlagSpecs;

export const USAGE = [
  'Usage: npm run bench -- [options]',
  '',
  'Compares, in one run, our pipeline with DuckDB doing the same job on the same file and with the seed\'s',
  'straightforward path on one PostgreSQL server (psql \\copy, md5 UPDATE, indexes, one window query), then times',
  'lookups, Stats, the gap curve, a 1% delta, the embedded backend and the start-up.',
  '',
  'Options',
  ...flagLines(FLAGS),
].join('\n');

const QUICK = { rows: 20_000, runs: 1, lookups: 100 };
const DEFAULTS = { rows: 1_000_000, runs: 3, lookups: 1000 };

/** The options of `npm run bench`, or null when the user asked for help. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | null {
  // the same parser as the CLI's, over flags declared once
  const { flags, input, helpWanted } = parseCommandLine(argv, FLAGS, { help: USAGE, helpCommand: 'npm run bench -- --help' });
  if (helpWanted) return null;
  if (input.length > 0) throw new UserError(`npm run bench takes options only (got "${input.join(' ')}"); see npm run bench -- --help.`, 2);
  const defaults = flags.quick ? QUICK : DEFAULTS;
  if (flags.citus && flags.updateDoc) throw new UserError('--citus prints its own table; --update-doc writes the main figures only.', 2);
  if (flags.quick && flags.updateDoc) throw new UserError('A --quick run is a smoke test: its figures do not go into the docs.', 2);
  return {
    rows: flags.rows === undefined ? defaults.rows : wholeNumber('rows', flags.rows, 1),
    runs: flags.runs === undefined ? defaults.runs : wholeNumber('runs', flags.runs, 1),
    lookups: flags.lookups === undefined ? defaults.lookups : wholeNumber('lookups', flags.lookups, 1),
    quick: flags.quick,
    tenMillion: flags.tenMillion,
    serverUrl: flags.server ?? env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    updateDoc: flags.updateDoc,
    citus: flags.citus,
  };
}
