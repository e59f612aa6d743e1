import { parseArgs } from 'node:util';
import { UserError } from '../src/errors.js';

export interface BenchOptions {
  /** Rows of the generated event log the server figures (and the larger embedded figures) use. */
  rows: number;
  /** Repetitions of every timed comparison; the figures are their medians. */
  runs: number;
  /** Random users per lookup figure. */
  lookups: number;
  quick: boolean;
  /** Also generate and load 10M rows (our load against \copy, and the lookups): several minutes more. */
  with10m: boolean;
  /** The server's maintenance database; scratch databases `se_bench_*` are created beside it and dropped. */
  serverUrl: string;
  /** Replace the figures in docs/benchmarks.md with this run's. */
  updateDoc: boolean;
  /** Instead of the rest: the load and sessions build on one server against a local Citus cluster. */
  citus: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

Compares, on one PostgreSQL server and in one run, our pipeline with the seed's straightforward path
(psql \\copy, md5 UPDATE, indexes, one window query), then times lookups on both backends.

Options:
  --rows N        rows of the generated event log (default 1000000)
  --runs N        repetitions of each comparison; figures are medians (default 3)
  --lookups N     random users per lookup figure (default 1000)
  --quick         smoke run: 20000 rows, 1 run, 100 lookups, no 100k sample (under a minute)
  --with-10m      also load 10M rows and time lookups on them (about 8 minutes more on 2 CPUs)
  --server URL    maintenance database of the server (default: BENCH_DATABASE_URL or
                  postgresql://postgres@127.0.0.1:5432/postgres)
  --update-doc    write this run's figures into docs/benchmarks.md
  --citus         instead: the load and the sessions build on the server against a local Citus cluster
                  (3 servers on this machine; needs Citus installed), --rows and --with-10m sizes, --runs each
  --help          this text`;

const QUICK = { rows: 20_000, runs: 1, lookups: 100 };
const DEFAULTS = { rows: 1_000_000, runs: 3, lookups: 1000 };

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new UserError(`--${name} must be a whole number of at least 1, not "${value}".`, 2);
  return parsed;
}

/** The options of `npm run bench`, or null when the user asked for help. */
export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        rows: { type: 'string' },
        runs: { type: 'string' },
        lookups: { type: 'string' },
        quick: { type: 'boolean', default: false },
        'with-10m': { type: 'boolean', default: false },
        server: { type: 'string' },
        'update-doc': { type: 'boolean', default: false },
        citus: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UserError(`${(error as Error).message.replace(/\.$/, '')} (see npm run bench -- --help).`, 2);
  }
  if (values.help) return null;
  const defaults = values.quick ? QUICK : DEFAULTS;
  if (values.citus && values['update-doc']) throw new UserError('--citus prints its own table; --update-doc writes the main figures only.', 2);
  if (values.quick && values['update-doc']) throw new UserError('A --quick run is a smoke test: its figures do not go into the docs.', 2);
  return {
    rows: count('rows', values.rows, defaults.rows),
    runs: count('runs', values.runs, defaults.runs),
    lookups: count('lookups', values.lookups, defaults.lookups),
    quick: values.quick,
    with10m: values['with-10m'],
    serverUrl: values.server ?? env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    updateDoc: values['update-doc'],
    citus: values.citus,
  };
}
