import { periodOfFlags, type Period } from '../sessions/queries.js';
import type { CommandContext, FlagSpecs } from './command.js';

/** The flags of the commands whose numbers a period scopes: a session belongs to the period in which it starts. */
export const periodFlags: FlagSpecs = {
  from: { type: 'string', placeholder: 'date|timestamp', description: 'only sessions starting at or after this' },
  to: { type: 'string', placeholder: 'date|timestamp', description: 'only sessions starting before this (a date: through its end)' },
};

/** The period the flags ask for; a usage error (exit 2) before any database is opened. */
export function periodOf(context: CommandContext): Period {
  return periodOfFlags(context.flags.from, context.flags.to);
}
