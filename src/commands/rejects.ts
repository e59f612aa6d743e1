import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db/database.js';
import { UserError } from '../errors.js';
import { runRejects } from '../etl/rejects-file.js';
import { counted } from '../format/values.js';
import { defineCommand, outputFlags, type CommandIO } from './command.js';
import { expectArgs, wholeNumber } from './flag-values.js';
import { outputFormat, rowWriter, writeInTurn, type Column } from '../format/output.js';
import { visible } from '../format/visible.js';
import { withDatabase } from './with-database.js';

type RunFacts = { id: number; file: string; status: string; rejected: number };

/** The run asked for, or the last one; a database without loads, or an unknown run, is one sentence. */
async function findRun(db: Database, runId: number | undefined): Promise<RunFacts> {
  const { rows: tables } = await db.query<{ ready: boolean }>("SELECT to_regclass('load_rejects') IS NOT NULL AS ready");
  if (!tables[0]!.ready) throw new UserError('No load has run on this database yet, so there are no rejects.');
  const { rows } = await db.query<RunFacts>(
    `SELECT id, file, status, rejected FROM load_runs WHERE $1::bigint IS NULL OR id = $1 ORDER BY id DESC LIMIT 1`,
    [runId ?? null],
  );
  if (rows[0] === undefined) {
    throw new UserError(runId === undefined ? 'No load has run on this database yet, so there are no rejects.' : `There is no load run ${runId} on this database.`);
  }
  return { ...rows[0], id: Number(rows[0].id), rejected: Number(rows[0].rejected) };
}

const RAW_WIDTH = 80;

type Reject = { line: unknown; reason: string; raw: string };

const tableColumns: Column<Reject>[] = [
  { header: 'line', value: (r) => String(r.line), align: 'right' },
  { header: 'reason', value: (r) => r.reason },
  // cut for the table, with its line ends as spaces; the CSV and JSON keep it whole
  { header: 'raw', value: (r) => (r.raw.length > RAW_WIDTH ? `${r.raw.slice(0, RAW_WIDTH - 1)}…` : r.raw).replace(/[\r\n\t]/g, ' ') },
];

/** Streams the run's rejects a page at a time, as the reader takes them, so a run with millions of them prints in bounded memory. */
async function printRejects(db: Database, io: CommandIO, run: RunFacts, format: 'table' | 'json' | 'csv'): Promise<void> {
  let first = true;
  const table = rowWriter(io, 'table', tableColumns, { json: () => '', csv: () => [] });
  if (format === 'json') await writeInTurn(io, '[');
  if (format === 'csv') await writeInTurn(io, stringify([['line', 'reason', 'raw']], { delimiter: ';' }));
  for await (const rows of runRejects(db, run.id)) {
    let more: boolean;
    if (format === 'json') {
      more = await writeInTurn(io, `${first ? '' : ','}${rows.map((r) => JSON.stringify({ line: Number(r.line), reason: r.reason, raw: r.raw })).join(',')}`);
    } else if (format === 'csv') {
      more = await writeInTurn(io, stringify(rows.map((r) => [r.line, r.reason, r.raw]), { delimiter: ';' }));
    } else {
      more = await table.page(rows);
    }
    first = false;
    if (!more) return;
  }
  if (format === 'json') await writeInTurn(io, ']\n');
  if (format === 'table') {
    await writeInTurn(io, `${first ? '' : '\n'}Run ${run.id} (${run.status}) of ${visible(run.file)}: ${counted(run.rejected, 'rejected row')}.\n`);
  }
}

export const rejectsCommand = defineCommand({
  name: 'rejects',
  summary: 'every row a load rejected, with its line, reason and text (the last run unless --run)',
  flags: {
    run: { type: 'number', placeholder: 'id', description: 'this load run (the id in the load summary and in the rejects file name)' },
    ...outputFlags,
  },
  examples: ['rejects', 'rejects --run 3 --csv > run-3.rejects.csv', 'rejects --json'],
  async run(context) {
    expectArgs('rejects', context.args, []);
    const format = outputFormat(context.flags);
    const runId = context.flags.run === undefined ? undefined : wholeNumber('run', context.flags.run, 1);
    await withDatabase(
      context,
      async (db) => printRejects(db, context.io, await findRun(db, runId), format),
      async () => {},
    );
  },
});
