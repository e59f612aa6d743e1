import { UserError } from '../errors.js';
import { SAMPLE, writeEventLog } from '../generate/index.js';
import { defineCommand } from './command.js';
import { expectArgs, wholeNumber } from './flag-values.js';

export const generateCommand = defineCommand({
  name: 'generate',
  summary: 'write a synthetic scooter-app event log of 2020 (CSV), the same bytes for the same rows and seed',
  flags: {
    rows: { type: 'number', default: SAMPLE.rows, placeholder: 'n', description: 'data rows after the header (default: the sample size)' },
    seed: { type: 'number', default: SAMPLE.seed, placeholder: 'n', description: 'random seed; another seed gives other users and events' },
    out: { type: 'string', placeholder: 'file', description: 'file to write, gzip-compressed if it ends in .gz (default: stdout)' },
  },
  examples: ['generate --rows 1000 --seed 7 > small.csv', 'generate --rows 1000000 --out bench/data/1m.csv'],
  async run({ args, flags, io }) {
    expectArgs('generate', args, []);
    const rows = wholeNumber('rows', flags.rows, 1);
    const seed = wholeNumber('seed', flags.seed, 0);
    const out = flags.out;
    if (out === '') throw new UserError('--out needs a file name.', 2);

    if (out === undefined) {
      try {
        await writeEventLog({ rows, seed, out: io.stdout });
      } catch (error) {
        // the reader went away (`generate | head`): it has all it wanted
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
      }
      return;
    }
    await writeEventLog({ rows, seed, out });
    io.stderr.write(`Wrote ${rows.toLocaleString('en-US')} rows (seed ${seed}) to ${out}.\n`);
  },
});
