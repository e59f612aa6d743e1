import { sessionEvents, type EventRow } from '../sessions/queries.js';
import { titles } from '../format/column-titles.js';
import { defineCommand, outputFlags } from './command.js';
import { expectArgs, wholeNumber } from './flag-values.js';
import { outputFormat, printRows, type Column } from '../format/output.js';
import { withDatabase } from './with-database.js';

const columns: Column<EventRow>[] = [
  { header: titles.device, value: (e) => e.device },
  { header: titles.session, value: (e) => (e.startsSession ? e.session : ''), align: 'right' },
  { header: titles.createdAt, value: (e) => e.createdAt },
  { header: titles.gap, value: (e) => (e.gapMinutes === null ? '' : `${e.gapMinutes}m`), align: 'right' },
  { header: titles.event, value: (e) => (e.decides ? `${e.event}  <- decided the outcome` : e.event) },
];

export const eventsCommand = defineCommand({
  name: 'events',
  args: '<anonymous_id>',
  summary: "every event of a user (or of one session) in order, with the gap before each and the one that decided the outcome",
  flags: {
    session: { type: 'number', placeholder: 'n', description: 'only this session (its number, from 0)' },
    device: { type: 'string', placeholder: 'id', description: 'only this device (any letter case)' },
    rideAware: { type: 'boolean', description: "sessions that do not split between a ride's start and its end" },
    ...outputFlags,
  },
  examples: ['events 5A3F0C2E-... --session 2', 'events 5a3f0c2e-... --device 9f1e... --json'],
  async run(context) {
    expectArgs('events', context.args, ['anonymous_id']);
    const { flags } = context;
    const format = outputFormat(flags);
    const session = flags.session === undefined ? undefined : wholeNumber('session', flags.session, 0);
    const device = flags.device;
    const rows = await withDatabase(context, (db) =>
      sessionEvents(db, context.args[0]!, { session, device, rideAware: flags.rideAware ?? false }),
    );
    await printRows(context.io, format, rows, columns);
  },
});
