import { defineCommand } from './command.js';
import { expectArgs } from './flag-values.js';

export const setupCommand = defineCommand({
  name: 'setup',
  summary: 'choose the database again (embedded or a server) in the terminal app, then offer to load data',
  flags: {},
  examples: ['setup', 'setup --config ./my-profile.json'],
  async run({ args, flags, configFile }) {
    expectArgs('setup', args, []);
    // Ink is loaded only here: the other commands (and --json output) never mount it.
    const { runApp } = await import('../ui/run.js');
    return runApp({ configFile, setup: true, color: flags.color });
  },
});
