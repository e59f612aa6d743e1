import type { Command } from './command.js';

/**
 * Every subcommand, one file each, imported only when it runs: a lookup loads neither the loader nor the app. The
 * order here is the order in `--help`.
 */
const registry = new Map<string, () => Promise<Command>>([
  ['setup', async () => (await import('./setup.js')).setupCommand],
  ['load', async () => (await import('./load.js')).loadCommand],
  ['rejects', async () => (await import('./rejects.js')).rejectsCommand],
  ['generate', async () => (await import('./generate.js')).generateCommand],
  ['rebuild', async () => (await import('./rebuild.js')).rebuildCommand],
  ['stats', async () => (await import('./stats.js')).statsCommand],
  ['users', async () => (await import('./users.js')).usersCommand],
  ['sessions', async () => (await import('./sessions.js')).sessionsCommand],
  ['events', async () => (await import('./events.js')).eventsCommand],
  ['query', async () => (await import('./query.js')).queryCommand],
  ['psql', async () => (await import('./psql.js')).psqlCommand],
  ['serve', async () => (await import('./serve.js')).serveCommand],
]);

/** The command called `name`, or undefined when there is none. */
export async function findCommand(name: string): Promise<Command | undefined> {
  return registry.get(name)?.();
}

/** Every command, in help order (for the main help text only: it imports them all). */
export async function allCommands(): Promise<Command[]> {
  return Promise.all([...registry.values()].map((load) => load()));
}
