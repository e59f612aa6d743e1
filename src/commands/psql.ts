import { spawn } from 'node:child_process';
import os from 'node:os';
import { UserError } from '../errors.js';
import { clientUrlsOf } from './client-urls.js';
import { defineCommand } from './command.js';

export const psqlCommand = defineCommand({
  name: 'psql',
  args: '[-- <psql arguments>]',
  summary: "open psql on the embedded database (its server runs while psql does); psql's own arguments go after --",
  flags: {
    readOnly: { type: 'boolean', description: 'connect as the role that can only read (as the console does)' },
  },
  examples: ['psql', 'psql --read-only', 'psql -- -c "SELECT count(*) FROM mobile_events"'],
  async run(context) {
    const db = await context.openDatabase();
    try {
      const urls = clientUrlsOf(db, 'psql');
      const child = spawn('psql', [context.flags.readOnly ? urls.reader : urls.owner, ...context.args], { stdio: 'inherit' });
      // Ctrl-C belongs to psql (it cancels the statement); this process stays to stop the server afterwards
      const ignore = () => {};
      process.on('SIGINT', ignore);
      try {
        return await new Promise<number>((resolve, reject) => {
          child.on('error', (error: NodeJS.ErrnoException) =>
            reject(error.code === 'ENOENT' ? new UserError('psql is not installed; install PostgreSQL\'s client (e.g. `apt install postgresql-client`), or use `serve` and a client of your choice.') : error),
          );
          child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0)));
        });
      } finally {
        process.off('SIGINT', ignore);
      }
    } finally {
      await db.close();
    }
  },
});
