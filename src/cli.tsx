#!/usr/bin/env node
import { UserError } from './errors.js';
import { allCommands, findCommand } from './commands/index.js';
import { globalFlags, type Command } from './commands/command.js';
import { parseCommandLine } from './commands/parse-flags.js';
import { commandHelp, mainHelp } from './commands/help.js';
import { passwordWarning, resolveTarget } from './config/target.js';
import { defaultConfigFile } from './config/paths.js';
import { openDatabase } from './db/connect.js';
// a message is one line that may quote an id or a file name from the data: it must not act on the terminal
import { visible } from './format/visible.js';

const BIN = 'session-explorer';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const helpCommand = `${BIN} --help`;
  const first = parseCommandLine(argv, globalFlags, { help: '', helpCommand, allowUnknown: true, deferHelp: true });
  const name = first.input[0];
  const debug = first.flags.debug === true;
  try {
    if (name === undefined && first.helpWanted) {
      parseCommandLine(argv, globalFlags, { help: mainHelp(await allCommands(), BIN), helpCommand, allowUnknown: true }).showHelp(0);
    }
    if (name === undefined) {
      first.rejectUnknown();
      const { runApp } = await import('./ui/run.js');
      return await runApp({ db: first.flags.db, configFile: first.flags.config });
    }
    const command: Command | undefined = await findCommand(name);
    if (!command) throw new UserError(`Unknown command "${name}"; run \`${BIN} --help\` for the list.`, 2);

    const cli = parseCommandLine(argv, { ...globalFlags, ...command.flags }, {
      help: commandHelp(command, BIN),
      helpCommand: `${BIN} ${command.name} --help`,
    });
    // `load --help` must not load
    if (cli.helpWanted) cli.showHelp(0);
    const configFile = cli.flags.config ?? defaultConfigFile();
    const code = await command.run({
      args: cli.input.slice(1),
      flags: cli.flags,
      io: { stdout: process.stdout, stderr: process.stderr },
      configFile,
      openDatabase: (options) => {
        const resolved = resolveTarget({ db: cli.flags.db, configFile });
        const warning = passwordWarning(resolved);
        if (warning) process.stderr.write(`${BIN}: ${warning}\n`);
        return openDatabase(resolved.target, options);
      },
    });
    return code ?? 0;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`${BIN}: ${visible(error.message)}\n`);
      if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${BIN}: ${visible(message.replace(/\s+$/, ''))}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

process.exitCode = await main();
