import type { Command } from './command.js';
import { generateCommand } from './generate.js';
import { loadCommand } from './load.js';
import { statsCommand } from './stats.js';
import { usersCommand } from './users.js';
import { sessionsCommand } from './sessions.js';
import { eventsCommand } from './events.js';
import { queryCommand } from './query.js';
import { rebuildCommand } from './rebuild.js';
import { setupCommand } from './setup.js';
import { rejectsCommand } from './rejects.js';
import { psqlCommand } from './psql.js';
import { serveCommand } from './serve.js';

/** Every subcommand, one file each; the order here is the order in `--help`. */
export const commands: readonly Command[] = [
  setupCommand,
  loadCommand,
  rejectsCommand,
  generateCommand,
  rebuildCommand,
  statsCommand,
  usersCommand,
  sessionsCommand,
  eventsCommand,
  queryCommand,
  psqlCommand,
  serveCommand,
];
