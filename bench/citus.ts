/**
 * `npm run bench -- --citus`: the same load command and full sessions build on one server and on a local Citus
 * cluster (a coordinator and two workers on this machine, scripts/citus-cluster.ts), side by side, with ratios.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../src/config/paths.js';
import { targetFromText } from '../src/config/target.js';
import { UserError } from '../src/errors.js';
import { generatedLog } from './datasets.js';
import { count, ratio, seconds } from './format.js';
import { describeMachine, finishMachine } from './machine.js';
import { runOurLoad, timeOurSessions } from './ours.js';
import type { ScratchDatabases } from './server.js';
import { median } from './stats.js';

interface Timings {
  loadCommandMs: number;
  loadStepMs: number;
  sessionsMs: number;
}

function cluster(command: 'start' | 'stop', folder: string): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/citus-cluster.ts', command, folder], {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`scripts/citus-cluster.ts ${command} failed`);
  return result.stdout.trim();
}

/** A fresh schema on the cluster, named by the URL's search_path; dropped by the returned function. */
async function citusScratch(clusterUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `se_bench_${process.pid}_${label}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: clusterUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const url = new URL(clusterUrl);
  // percent-encoded, as libpq reads a URL: a form's `+` for a space would stay a `+`
  url.search = `?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return { url: url.toString(), drop: () => run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

async function timeOnce(url: string, file: string): Promise<Timings> {
  const load = await runOurLoad(url, file);
  return { loadCommandMs: load.wallMs, loadStepMs: load.steps.load, sessionsMs: await timeOurSessions(targetFromText(url)) };
}

const medianOf = (runs: readonly Timings[], key: keyof Timings) => median(runs.map((r) => r[key]));

export async function benchCitus(
  scratch: ScratchDatabases,
  sizes: readonly number[],
  runs: number,
  log: (line: string) => void,
): Promise<string> {
  const machine = describeMachine(await scratch.serverVersion());
  const folder = path.join(os.tmpdir(), `se-bench-citus-${process.pid}`);
  log('starting a local Citus cluster (a coordinator and two workers)');
  const clusterUrl = cluster('start', folder);
  const lines: string[] = [];
  try {
    if (!clusterUrl) throw new UserError('Citus is not installed for the local PostgreSQL server, so there is no cluster to compare with.', 1);
    lines.push(
      '| rows | figure | one server | Citus, 2 workers | Citus / one server |',
      '|---:|---|---:|---:|---:|',
    );
    for (const rows of sizes) {
      log(`generating (or reusing) ${count(rows)} rows of event log`);
      const file = await generatedLog(rows);
      const single: Timings[] = [];
      const citus: Timings[] = [];
      for (let run = 1; run <= runs; run++) {
        log(`${count(rows)} rows, run ${run}/${runs}: one server`);
        const url = await scratch.create('citus_single');
        try {
          single.push(await timeOnce(url, file));
        } finally {
          await scratch.drop(url);
        }
        log(`${count(rows)} rows, run ${run}/${runs}: Citus`);
        const database = await citusScratch(clusterUrl, 'load');
        try {
          citus.push(await timeOnce(database.url, file));
        } finally {
          await database.drop();
        }
      }
      for (const [key, figure] of [
        ['loadCommandMs', 'load command, whole (schema, load, indexes, sessions)'],
        ['loadStepMs', 'of it: the load step (COPY)'],
        ['sessionsMs', 'full sessions build, after VACUUM ANALYZE'],
      ] as const) {
        const one = medianOf(single, key);
        const many = medianOf(citus, key);
        lines.push(`| ${count(rows)} | ${figure} | ${seconds(one)} | ${seconds(many)} | ${ratio(many / one)} |`);
      }
    }
  } finally {
    cluster('stop', folder);
  }
  const done = finishMachine(machine);
  lines.push(
    '',
    `Medians of ${runs} run(s). Machine: ${done.cpus} CPUs (${done.cpuModel}), ${done.memoryGb} GB, ${done.os}, ` +
      `PostgreSQL ${done.postgres}, Node ${done.node}; load average ${done.loadAverage.start.toFixed(2)} at the start, ` +
      `${done.loadAverage.end!.toFixed(2)} at the end. The cluster's three servers share this machine.`,
  );
  return lines.join('\n');
}
