import { userSessions, type SessionRow } from '../sessions/queries.js';
import { formatDuration } from '../ui/format.js';
import { defineCommand, outputFlags } from './command.js';
import { expectArgs } from './flag-values.js';
import { outputFormat, printRows, type Column } from './output.js';
import { withDatabase } from './with-database.js';

const seconds = (value: number | null) => (value === null ? null : formatDuration(value * 1000));

const columns: Column<SessionRow>[] = [
  { header: 'device', value: (s) => s.device },
  { header: '#', value: (s) => s.index, align: 'right' },
  { header: 'start', value: (s) => s.start },
  { header: 'end', value: (s) => s.end },
  { header: 'length', value: (s) => seconds(s.durationSeconds), align: 'right' },
  { header: 'events', value: (s) => s.events, align: 'right' },
  { header: 'booked', value: (s) => s.booked },
  { header: 'outcome', value: (s) => s.outcome },
  { header: 'stage', value: (s) => s.stage },
  { header: 'to book', value: (s) => seconds(s.secondsToBook), align: 'right' },
  { header: 'ride', value: (s) => seconds(s.rideSeconds), align: 'right' },
  { header: 'dropped off at', value: (s) => s.dropOff },
];

export const sessionsCommand = defineCommand({
  name: 'sessions',
  args: '<anonymous_id>',
  summary: "a user's sessions: start, end, events, booked, outcome, stage reached, time to book",
  flags: {
    rideAware: { type: 'boolean', description: "sessions that do not split between a ride's start and its end" },
    ...outputFlags,
  },
  examples: ['sessions 5A3F0C2E-...', 'sessions 5a3f0c2e-... --ride-aware --json'],
  async run(context) {
    expectArgs('sessions', context.args, ['anonymous_id']);
    const format = outputFormat(context.flags);
    const rows = await withDatabase(context, (db) =>
      userSessions(db, context.args[0]!, { rideAware: context.flags.rideAware === true }),
    );
    printRows(context.io, format, rows, columns);
  },
});
