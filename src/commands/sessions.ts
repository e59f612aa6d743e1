import { userSessions, type SessionRow } from '../sessions/queries.js';
import { titles } from '../format/column-titles.js';
import { formatSeconds } from '../format/values.js';
import { defineCommand, outputFlags } from './command.js';
import { expectArgs } from './flag-values.js';
import { outputFormat, printRows, type Column } from '../format/output.js';
import { periodFlags, periodOf } from './period-flags.js';
import { withDatabase } from './with-database.js';


// booked is the outcome here, as in every table; the seed's flag has its own column (in JSON, `booked`).
const columns: Column<SessionRow>[] = [
  { header: titles.device, value: (s) => s.device },
  { header: titles.session, value: (s) => s.index, align: 'right' },
  { header: titles.start, value: (s) => s.start },
  { header: titles.end, value: (s) => s.end },
  { header: titles.length, value: (s) => formatSeconds(s.durationSeconds, ''), align: 'right' },
  { header: titles.events, value: (s) => s.events, align: 'right' },
  { header: titles.outcome, value: (s) => s.outcome },
  { header: titles.stage, value: (s) => s.stage },
  { header: titles.toBook, value: (s) => formatSeconds(s.secondsToBook, ''), align: 'right' },
  { header: titles.ride, value: (s) => formatSeconds(s.rideSeconds, ''), align: 'right' },
  { header: titles.seedFlag, value: (s) => (s.booked ? 'booked' : '-') },
  { header: titles.droppedOff, value: (s) => s.dropOff },
];

export const sessionsCommand = defineCommand({
  name: 'sessions',
  args: '<anonymous_id>',
  summary: "every session of a user: start, end, events, outcome, stage reached, time to book, seed flag",
  flags: {
    rideAware: { type: 'boolean', description: "sessions that do not split between a ride's start and its end" },
    ...periodFlags,
    ...outputFlags,
  },
  examples: ['sessions 5A3F0C2E-...', 'sessions 5a3f0c2e-... --ride-aware --json'],
  async run(context) {
    expectArgs('sessions', context.args, ['anonymous_id']);
    const format = outputFormat(context.flags);
    const options = { rideAware: context.flags.rideAware ?? false, period: periodOf(context) };
    const rows = await withDatabase(context, (db) => userSessions(db, context.args[0]!, options));
    await printRows(context.io, format, rows, columns);
  },
});
