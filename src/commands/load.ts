import path from 'node:path';
import { defineCommand, outputFlags } from './command.js';
import { UserError } from '../errors.js';
import { statFile } from '../etl/csv-reader.js';
import { expectArgs, wholeNumber } from './flag-values.js';
import { runPipeline, type PipelineResult } from '../etl/pipeline.js';
import { DEFAULT_BATCH_ROWS } from '../etl/load.js';
import { DEFAULT_MAX_LINE_BYTES, lineDecoder } from '../etl/text-lines.js';
import { validateGapMinutes } from '../sessions/settings.js';
import { plainReporter } from '../format/plain-reporter.js';
import { formatCount, formatDuration } from '../format/values.js';

function summary({ load, steps }: PipelineResult): string {
  const sessions = steps.find((s) => s.step === 'sessions');
  return [
    `Loaded ${load.file} in ${formatDuration(load.elapsedMs)}${load.resumedRunId ? ' (resumed an interrupted run)' : ''}.`,
    `  read ${formatCount(load.read)} = ${formatCount(load.inserted)} new + ${formatCount(load.duplicates)} duplicate + ${formatCount(load.rejected)} rejected`,
    ...(load.rejectsFile ? [`  rejected rows, with line and reason: ${load.rejectsFile}`] : []),
    ...(sessions ? [`  sessions: ${sessions.detail}`] : []),
  ].join('\n');
}

export const loadCommand = defineCommand({
  name: 'load',
  args: '<file>',
  summary: 'load a ;-separated event log (.csv or .csv.gz; - reads standard input) and bring the sessions up to date',
  flags: {
    gap: { type: 'number', placeholder: 'minutes', description: 'minutes of silence that start a new session (saved; a change rebuilds all)' },
    batchRows: { type: 'number', default: DEFAULT_BATCH_ROWS, placeholder: 'n', description: 'rows per COPY batch and transaction' },
    encoding: { type: 'string', placeholder: 'name', description: 'the file\'s text encoding when it is not UTF-8 (latin1, windows-1252, ...)' },
    maxLineBytes: { type: 'number', default: DEFAULT_MAX_LINE_BYTES, placeholder: 'n', description: 'longest line read; a longer one is rejected' },
    json: outputFlags.json!,
  },
  examples: [
    'load local_files/mobile_events_2020.csv.gz',
    'load events.csv --db postgres://localhost/scooters --json',
    'load old-export.csv --encoding latin1',
    'generate --rows 1000 | session-explorer load -',
  ],
  async run({ args, flags, io, openDatabase }) {
    expectArgs('load', args, ['file']);
    const gapMinutes = flags.gap === undefined ? undefined : wholeNumber('gap', flags.gap, 1);
    if (gapMinutes !== undefined) validateGapMinutes(gapMinutes);
    const batchRows = wholeNumber('batch-rows', flags.batchRows, 1);
    const maxLineBytes = wholeNumber('max-line-bytes', flags.maxLineBytes, 1);
    const encoding = typeof flags.encoding === 'string' ? flags.encoding : undefined;
    lineDecoder(encoding);
    // A missing file is reported before anything touches the database.
    const stream = args[0] === '-' || !statFile(path.resolve(args[0]!)).isFile();
    if (args[0] === '-' && process.stdin.isTTY) throw new UserError('load - reads the event log from standard input: pipe or redirect a file into it.', 2);
    if (stream) io.stderr.write('Reading a stream: it is copied aside first, and if the load is interrupted it cannot resume (send the data again; rows already loaded count as duplicates).\n');

    // First Ctrl-C: finish the batch in flight and record where to resume. Second: leave now.
    const controller = new AbortController();
    const onSigint = () => {
      if (controller.signal.aborted) process.exit(130);
      io.stderr.write('\nStopping after the current batch (Ctrl-C again to quit at once)...\n');
      controller.abort();
    };
    process.on('SIGINT', onSigint);

    const db = await openDatabase({ create: true, onNotice: (message) => io.stderr.write(`${message}\n`) });
    try {
      const report = plainReporter({ write: (line) => io.stderr.write(`${line}\n`) });
      const result = await runPipeline(db, {
        file: args[0]!,
        gapMinutes,
        batchRows,
        encoding,
        maxLineBytes,
        signal: controller.signal,
        onEvent: report,
        onWarning: (message) => io.stderr.write(`Warning: ${message}\n`),
      });
      if (flags.json) {
        const { load, steps } = result;
        io.stdout.write(`${JSON.stringify({ ...load, resumed: load.resumedRunId !== null, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), steps })}\n`);
      } else {
        io.stdout.write(`${summary(result)}\n`);
      }
    } finally {
      process.off('SIGINT', onSigint);
      await db.close();
    }
  },
});
