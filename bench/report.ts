import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/config/paths.js';
import { count, millis, perSecond, ratio, seconds } from './format.js';
import type { BenchResults, Compared, LookupResult } from './results.js';
import { median, rowsPerSecond } from './stats.js';

export const RESULTS_DIR = path.join(projectRoot, 'bench', 'results');
export const DOC_FILE = path.join(projectRoot, 'docs', 'benchmarks.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

const AIMS = {
  load: '<= 1.5x (at worst 2x)',
  pipeline: '<= 0.60x',
  rss: '< 250 MB',
  lookups: { server: '< 5 ms', embedded: '< 50 ms' },
  monthStats: '< 500 ms (server, 10M)',
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

function embeddedSection({ embeddedLoads, startup }: BenchResults): string {
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
  const start = startup
    ? table(
        ['App start to the Users list (tmux, 120x36)', 'Runs', 'Median', 'Per run', 'Aim'],
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
    : 'App start to the Users list: not measured (tmux is not installed).';
  return [loads, pss, start].join('\n\n');
}

function largeSection({ large }: BenchResults): string {
  if (!large) return '10M rows: not run this time (`--with-10m`).';
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

/** The figures as the markdown that goes between the markers of docs/benchmarks.md. */
export function renderMarkdown(results: BenchResults): string {
  return [
    machineSection(results),
    `#### Server, ${count(results.server.rows)} rows: ours against the seed's path`,
    serverSection(results),
    stagesSection(results),
    `#### Lookups, inside the process, ${count(results.options.lookups)} random users (one call at a time)`,
    lookupsSection(results),
    '#### Embedded loads',
    embeddedSection(results),
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
