import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config/paths.js';
import { count, millis, perSecond, ratio, seconds } from './format.js';
import { countDifferences, type SessionCounts } from './duckdb.js';
import type { DeltaLoad } from './delta.js';
import { EMBEDDED_AIMS, type BenchResults, type Compared, type LookupResult } from './results.js';
import { median, rowsPerSecond } from './stats.js';

export const RESULTS_DIR = path.join(projectRoot, 'bench', 'results');
export const DOC_FILE = path.join(projectRoot, 'docs', 'benchmarks.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

const AIMS = {
  load: '<= 2x',
  pipeline: '<= 0.60x',
  rss: '< 300 MB',
  lookups: { server: '< 5 ms', embedded: '< 50 ms' },
  monthStats: '< 300 ms (server, 10M)',
} as const;

/** The ceilings of issue 17 and 21 the digest checks: a ratio or a time, at most this. */
const LIMITS = {
  duckdb1m: 3.0,
  duckdb10m: 2.0,
  duckdbGoal: 1.2,
  pipeline: 0.6,
  load: 2.0,
  sessionsScaling: 11,
  embedded: 1.3,
  delta: 3.0,
  gaps: 1.5,
  statsMs: 300,
  cliLookup: 3.0,
} as const;

/** A markdown table whose columns line up in a terminal too; the first column left, the others right. */
function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

const perRun = (c: Compared) => c.perRunRatios.map(ratio).join(' ');

function machineSection({ machine, generatedAt, options, dataSeed, server }: BenchResults): string {
  const { loadAverage: load } = machine;
  return [
    `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB RAM, ${machine.os}; PostgreSQL ${machine.postgres}; Node ${machine.node}.`,
    `- Run of ${generatedAt.slice(0, 10)}: generated event log of ${count(server.rows)} rows (seed ${dataSeed}), ${options.runs} run(s); ` +
      'figures are medians, a ratio is the median of the per-run ratios (ours / baseline, measured back to back).',
    `- Load average (1 min): ${load.start.toFixed(2)} at the start, ${load.end?.toFixed(2) ?? '?'} at the end, on ${machine.cpus} CPUs: ` +
      'the machine was shared, so single runs are noisy; compare medians and ratios, not absolute times.',
  ].join('\n');
}

function serverSection({ server }: BenchResults): string {
  const { load, sessions, pipeline } = server.summary;
  return table(
    ['Measure', 'Ours', 'Baseline', 'Ours / baseline', 'Per run', 'Aim'],
    [
      ['Load the rows: our `load` step / `psql \\copy`', seconds(load.oursMs), seconds(load.baselineMs), ratio(load.ratio), perRun(load), AIMS.load],
      ['Rows per second', perSecond(load.oursRowsPerSecond), perSecond(load.baselineRowsPerSecond), '', '', ''],
      ['Build all sessions: ours / the seed\'s window query (CTAS)', seconds(sessions.oursMs), seconds(sessions.baselineMs), ratio(sessions.ratio), perRun(sessions), ''],
      ['Whole pipeline: our `load` command / the seed\'s path', seconds(pipeline.oursMs), seconds(pipeline.baselineMs), ratio(pipeline.ratio), perRun(pipeline), AIMS.pipeline],
      [
        'Peak RSS of our `load` (worst run)',
        `${load.peakRssMb} MB`,
        '',
        '',
        load.peakRssMbOutside === null ? '' : `${load.peakRssMbOutside} MB (GNU time)`,
        AIMS.rss,
      ],
    ],
  );
}

function stagesSection({ server }: BenchResults): string {
  const { ours, seed } = server.summary.stages;
  return table(
    ['Stage (medians)', 'Our `load` command', 'The seed\'s path'],
    [
      ['Create the tables', seconds(ours.schema), seconds(seed.schemaMs)],
      ['Load the rows', `${seconds(ours.load)} (parse, validate, hash, dedup, COPY)`, `${seconds(seed.copyMs)} (\\copy)`],
      ['Row hash', 'in the load', `${seconds(seed.hashMs)} (md5 UPDATE of every row)`],
      ['Indexes and statistics', seconds(ours['post-load']), `${seconds(seed.indexesMs)} (its 2 indexes)`],
      ['Sessions', seconds(ours.sessions), `${seconds(seed.sessionsMs)} (window query CTAS)`],
      ['Process start, connections, exit', seconds(ours.other), 'in the above'],
      ['Whole pipeline', seconds(server.summary.pipeline.oursMs), seconds(server.summary.pipeline.baselineMs)],
    ],
  );
}

function lookupsSection({ lookups }: BenchResults): string {
  const row = ({ backend, dataset, rows, figures }: LookupResult) => [
    `${backend}, ${dataset}, ${count(rows)} rows`,
    String(figures.users),
    millis(figures.sessions.p50Ms),
    millis(figures.sessions.p95Ms),
    millis(figures.events.p50Ms),
    millis(figures.events.p95Ms),
    AIMS.lookups[backend],
    millis(figures.monthStats.p50Ms),
    millis(figures.monthStats.p95Ms),
  ];
  return [
    table(['Backend, data', 'Users', '`sessions` p50', 'p95', '`events` p50', 'p95', 'Aim (p95)', 'month `stats` p50', 'p95'], lookups.map(row)),
    `Month \`stats\`: \`stats --from --to\` over one calendar month (each month of the data in turn, with the month before), aim ${AIMS.monthStats} p95.`,
  ].join('\n\n');
}

function embeddedSection({ embeddedLoads }: BenchResults): string {
  const loads = table(
    ['Embedded load (the server the app runs)', 'Runs', 'Whole command', 'Load step', 'Load step rows/s', 'Peak RSS (worst run)', 'Peak PSS, app + server (worst run)', 'Aim'],
    embeddedLoads.map(({ dataset, rows, runs, treePss }) => {
      const loadMs = median(runs.map((r) => r.steps.load));
      return [
        `${dataset} (${count(rows)} rows)`,
        String(runs.length),
        seconds(median(runs.map((r) => r.wallMs))),
        seconds(loadMs),
        perSecond(rowsPerSecond(rows, loadMs)),
        `${Math.max(...runs.map((r) => r.peakRssMb))} MB`,
        `${treePss.totalMb} MB (${treePss.appMb} + ${treePss.serverMb})`,
        `< ${treePss.aimMb} MB`,
      ];
    }),
  );
  const pss =
    'Peak PSS: our `load` command and every process of the PostgreSQL server it started on the fresh folder, summed ' +
    '(app + server), sampled every 200 ms from /proc/<pid>/smaps_rollup; the largest sum of the worst run.';
  return [loads, pss].join('\n\n');
}

function largeSection({ large }: BenchResults): string {
  if (!large) return '10M rows: not run this time (`--ten-million`).';
  const { ours, copyMs, rows } = large;
  return table(
    [`Server, ${count(rows)} rows, one run`, 'Ours', '`psql \\copy`', 'Ours / baseline', 'Aim'],
    [
      ['Load the rows', seconds(ours.steps.load), seconds(copyMs), ratio(ours.steps.load / copyMs), AIMS.load],
      ['Rows per second', perSecond(rowsPerSecond(rows, ours.steps.load)), perSecond(rowsPerSecond(rows, copyMs)), '', ''],
      ['Indexes and statistics', seconds(ours.steps['post-load']), '', '', ''],
      ['Sessions', seconds(ours.steps.sessions), '', '', ''],
      ['Whole `load` command', seconds(ours.wallMs), '', '', ''],
      ['Peak RSS of our `load`', `${ours.peakRssMb} MB`, '', '', AIMS.rss],
    ],
  );
}

const describeCounts = (c: SessionCounts) =>
  `${count(c.events)} events after exact repeats, ${count(c.sessions)} sessions, ${count(c.seedFlagSessions)} with the seed's flag`;

function checkLine(rows: number, duckdb: SessionCounts, ours: SessionCounts): string {
  const differences = countDifferences(duckdb, ours);
  return differences.length === 0
    ? `- ${count(rows)} rows: DuckDB and ours agree: ${describeCounts(ours)}.`
    : `- ${count(rows)} rows: **the counts differ**: ${differences.join('; ')}.`;
}

function anchorSection({ server, counts, large }: BenchResults): string {
  const { duckdb, pipeline } = server.summary;
  const rows = [
    [
      `${count(server.rows)} rows, ${server.runs.length} run(s)`,
      seconds(pipeline.oursMs),
      seconds(duckdb.baselineMs),
      ratio(duckdb.ratio),
      perRun(duckdb),
      `<= ${ratio(LIMITS.duckdb1m)} (goal ${ratio(LIMITS.duckdbGoal)})`,
      `${server.summary.load.peakRssMb} MB`,
      `${duckdb.peakRssMb} MB`,
    ],
  ];
  if (large) {
    rows.push([
      `${count(large.rows)} rows, one run`,
      seconds(large.ours.wallMs),
      seconds(large.duckdb.wallMs),
      ratio(large.ours.wallMs / large.duckdb.wallMs),
      '',
      `<= ${ratio(LIMITS.duckdb10m)} (goal ${ratio(LIMITS.duckdbGoal)})`,
      `${large.ours.peakRssMb} MB`,
      `${large.duckdb.peakRssMbOutside ?? large.duckdb.peakRssMb} MB`,
    ]);
  }
  const inside = server.runs.map((r) => r.duckdb);
  return [
    table(['Whole `load` command / DuckDB', 'Ours', 'DuckDB', 'Ours / DuckDB', 'Per run', 'Aim', 'Peak RSS ours', 'Peak RSS DuckDB'], rows),
    `DuckDB ${duckdb.version}, ${duckdb.threads} threads, in memory, in a process of its own: read the file, drop exact repeats, build ` +
      `the seed's sessions with its flag (at ${count(server.rows)} rows, inside the process: reading ${seconds(median(inside.map((r) => r.readMs)))}, ` +
      `sessions ${seconds(median(inside.map((r) => r.sessionsMs)))}). Peak RSS: the worst run, GNU time where installed.`,
    'Counts, checked:',
    [checkLine(server.rows, counts.duckdb, counts.ours), ...(large ? [checkLine(large.rows, large.duckdb, large.stats.counts)] : [])].join('\n'),
  ].join('\n\n');
}

function deltaRow(rows: number, { delta, intoLoaded, intoEmpty }: DeltaLoad): string[] {
  return [
    `${count(rows)} rows`,
    `${count(delta.rows)} (${count(delta.keys)} keys, ${count(delta.newUserKeys)} new)`,
    `${seconds(intoLoaded.wallMs)} (load ${seconds(intoLoaded.steps.load)}, sessions ${seconds(intoLoaded.steps.sessions)})`,
    `${seconds(intoEmpty.wallMs)} (load ${seconds(intoEmpty.steps.load)}, sessions ${seconds(intoEmpty.steps.sessions)})`,
    ratio(intoLoaded.wallMs / intoEmpty.wallMs),
    `<= ${ratio(LIMITS.delta)}`,
    intoLoaded.sessionsDetail,
  ];
}

function deltaSection({ server, delta, large }: BenchResults): string {
  return table(
    ['A 1% delta, whole `load` command', 'Delta rows (keys, of new users)', 'Into the loaded database', 'Into an empty one', 'Loaded / empty', 'Aim', 'Sessions step, into the loaded database'],
    [deltaRow(server.rows, delta), ...(large ? [deltaRow(large.rows, large.delta)] : [])],
  );
}

function exploreSection({ server, explore }: BenchResults): string {
  const { gaps, statsFirstOpen } = explore;
  const pairs = gaps.gapsMs.map((ms, i) => ms / gaps.rebuildMs[i]!);
  return table(
    [`Exploring, server, ${count(server.rows)} rows`, 'Runs', 'Median', 'Against', 'Ratio', 'Per run', 'Aim'],
    [
      [
        'Gap curve: `stats --gaps --json` / a full `rebuild`',
        String(pairs.length),
        seconds(median(gaps.gapsMs)),
        seconds(median(gaps.rebuildMs)),
        ratio(median(pairs)),
        pairs.map(ratio).join(' '),
        `<= ${ratio(LIMITS.gaps)}`,
      ],
      [
        'Stats opened: all-time `sessionStats`, first call of a new pool',
        String(statsFirstOpen.runsMs.length),
        millis(median(statsFirstOpen.runsMs)),
        '',
        '',
        statsFirstOpen.runsMs.map(millis).join(' '),
        `< ${LIMITS.statsMs} ms`,
      ],
    ],
  );
}

function startupSection({ cliLookup, startup }: BenchResults): string {
  const lookup = median(cliLookup.lookupMs);
  const bare = median(cliLookup.bareNodeMs);
  const app = startup
    ? table(
        ['`npm start` to the Users list (tmux, 120x36)', 'Runs', 'Median', 'Per run', 'Aim'],
        [
          [
            `${startup.dataset} (${count(startup.rows)} rows), embedded server stopped before each`,
            String(startup.runsMs.length),
            seconds(startup.medianMs),
            startup.runsMs.map(seconds).join(' '),
            `< ${seconds(startup.aimMs)}`,
          ],
        ],
      )
    : '`npm start` to the Users list: not measured (tmux is not installed).';
  const command = table(
    [`Start-up, sample (${count(cliLookup.rows)} rows) in a server database`, 'Runs', 'Median', 'Per run', "Bare `node -e ''`", 'Ratio', 'Aim'],
    [
      [
        '`session-explorer sessions <id> --json` (package.json bin)',
        String(cliLookup.lookupMs.length),
        seconds(lookup),
        cliLookup.lookupMs.map(seconds).join(' '),
        seconds(bare),
        ratio(lookup / bare),
        `<= ${ratio(LIMITS.cliLookup)}`,
      ],
    ],
  );
  return [command, app].join('\n\n');
}

/** Each aim of the issues, measured in this run: the figure, the aim, met or not. */
function aimsSection(results: BenchResults): string {
  const { server, explore, delta, large, embeddedLoads, cliLookup } = results;
  const { summary } = server;
  const aims: [string, number | null, number, (value: number) => string][] = [];
  const add = (figure: string, value: number | null, limit: number, show: (value: number) => string = ratio) => aims.push([figure, value, limit, show]);
  add(`Whole load / DuckDB, ${count(server.rows)} rows`, summary.duckdb.ratio, LIMITS.duckdb1m);
  add(`Whole load / DuckDB, 10,000,000 rows`, large && large.ours.wallMs / large.duckdb.wallMs, LIMITS.duckdb10m);
  add(`Whole load / the seed's path, ${count(server.rows)} rows`, summary.pipeline.ratio, LIMITS.pipeline);
  add(`Load step / \`psql \\copy\`, ${count(server.rows)} rows`, summary.load.ratio, LIMITS.load);
  add('Sessions step, 10M rows / 1M rows', large && large.ours.steps.sessions / summary.stages.ours.sessions, LIMITS.sessionsScaling);
  const embedded = embeddedLoads.find((e) => e.dataset === 'generated');
  add(
    `Embedded whole load / the server's, ${count(server.rows)} rows`,
    embedded ? median(embedded.runs.map((r) => r.wallMs)) / summary.pipeline.oursMs : null,
    LIMITS.embedded,
  );
  add(`1% delta into the loaded database / into an empty one, ${count(server.rows)} rows`, delta.intoLoaded.wallMs / delta.intoEmpty.wallMs, LIMITS.delta);
  add('1% delta into the loaded database / into an empty one, 10M rows', large && large.delta.intoLoaded.wallMs / large.delta.intoEmpty.wallMs, LIMITS.delta);
  add(
    `Gap curve / full rebuild, ${count(server.rows)} rows`,
    median(explore.gaps.gapsMs.map((ms, i) => ms / explore.gaps.rebuildMs[i]!)),
    LIMITS.gaps,
  );
  add(`Stats opened, ${count(server.rows)} rows (median)`, median(explore.statsFirstOpen.runsMs), LIMITS.statsMs, millis);
  const large10m = results.lookups.find((l) => l.backend === 'server' && l.rows === large?.rows);
  add('Month `stats` p95, 10M rows', large10m ? large10m.figures.monthStats.p95Ms : null, LIMITS.statsMs, millis);
  add('`sessions <id> --json` / bare node (medians)', median(cliLookup.lookupMs) / median(cliLookup.bareNodeMs), LIMITS.cliLookup);
  add('`npm start` to the Users list (median)', results.startup?.medianMs ?? null, EMBEDDED_AIMS.startupMs, seconds);
  return table(
    ['Aim', 'Measured', 'At most', 'Met'],
    aims.map(([figure, value, limit, show]) => [figure, value === null ? 'not run' : show(value), show(limit), value === null ? '' : value <= limit ? 'yes' : 'no']),
  );
}

/** The figures as the markdown that goes between the markers of docs/benchmarks.md. */
export function renderMarkdown(results: BenchResults): string {
  return [
    machineSection(results),
    '#### The aims at a glance',
    aimsSection(results),
    '#### DuckDB as the anchor: the same file to the same sessions',
    anchorSection(results),
    `#### Server, ${count(results.server.rows)} rows: ours against the seed's path`,
    serverSection(results),
    stagesSection(results),
    `#### Lookups, inside the process, ${count(results.options.lookups)} random users (one call at a time)`,
    lookupsSection(results),
    '#### Incremental loads',
    deltaSection(results),
    '#### Exploring: the gap curve and Stats',
    exploreSection(results),
    '#### Embedded loads',
    embeddedSection(results),
    '#### Start-up',
    startupSection(results),
    '#### 10M rows',
    largeSection(results),
  ].join('\n\n');
}

/**
 * bench/results/latest.json and latest.md (git-ignored), or quick.json and quick.md for a smoke run, which must
 * not replace the last real figures; returns their paths relative to the project.
 */
export function writeResults(results: BenchResults, markdown: string): string[] {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const name = results.options.quick ? 'quick' : 'latest';
  const json = path.join(RESULTS_DIR, `${name}.json`);
  const md = path.join(RESULTS_DIR, `${name}.md`);
  fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(md, `${markdown}\n`);
  return [json, md].map((file) => path.relative(projectRoot, file));
}

/** Replaces the figures between the markers of docs/benchmarks.md, leaving the prose around them as it is. */
export function updateDoc(markdown: string): void {
  const doc = fs.readFileSync(DOC_FILE, 'utf8');
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${path.relative(projectRoot, DOC_FILE)} has lost its ${BEGIN} ... ${END} markers.`);
  fs.writeFileSync(DOC_FILE, `${doc.slice(0, begin + BEGIN.length)}\n${markdown}\n${doc.slice(end)}`);
}
