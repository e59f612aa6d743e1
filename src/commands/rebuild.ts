import { buildSessions } from '../sessions/build.js';
import { requireEvents } from '../sessions/queries.js';
import { formatCount, formatDuration } from '../format/values.js';
import { defineCommand, outputFlags } from './command.js';
import { expectArgs, wholeNumber } from './flag-values.js';
import { withDatabase } from './with-database.js';

export const rebuildCommand = defineCommand({
  name: 'rebuild',
  summary: 'rebuild every session from the events (both the seed\'s and the ride-aware definition)',
  flags: {
    gap: { type: 'number', placeholder: 'minutes', description: 'minutes of silence that start a new session (saved)' },
    json: outputFlags.json!,
  },
  examples: ['rebuild', 'rebuild --gap 30 --json'],
  async run(context) {
    expectArgs('rebuild', context.args, []);
    const gapMinutes = context.flags.gap === undefined ? undefined : wholeNumber('gap', context.flags.gap, 1);
    const summary = await withDatabase(context, (db) => buildSessions(db, { gapMinutes, full: true }), requireEvents);
    context.io.stdout.write(
      context.flags.json
        ? `${JSON.stringify(summary)}\n`
        : `Rebuilt ${formatCount(summary.sessions)} sessions (${formatCount(summary.rideAwareSessions)} ride-aware) ` +
            `of ${formatCount(summary.keys)} user devices with a ${summary.gapMinutes}-minute gap in ${formatDuration(summary.elapsedMs)}.\n`,
    );
  },
});
