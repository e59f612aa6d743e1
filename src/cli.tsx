#!/usr/bin/env node
import meow, { type AnyFlags } from 'meow';
import { UserError } from './errors.js';
import { commands } from './commands/index.js';
import { globalFlags, type Command, type FlagSpecs } from './commands/command.js';
import { commandHelp, mainHelp } from './commands/help.js';
import { passwordWarning, resolveTarget } from './config/target.js';
import { defaultConfigFile } from './config/paths.js';
import { openDatabase } from './db/connect.js';

const BIN = 'session-explorer';

function meowFlags(specs: FlagSpecs): AnyFlags {
  return Object.fromEntries(
    Object.entries(specs).map(([name, { type, shortFlag, default: value }]) => [
      name,
      { type, ...(shortFlag === undefined ? {} : { shortFlag }), ...(value === undefined ? {} : { default: value }) },
    ]),
  ) as AnyFlags;
}

function parse(help: string, flags: FlagSpecs) {
  return meow(help, {
    importMeta: import.meta,
    argv: process.argv.slice(2),
    flags: meowFlags(flags),
    allowUnknownFlags: true,
    description: false,
  });
}

/** meow reports an unknown flag over two lines and exits by itself; we want one sentence and our own exit. */
function rejectUnknownFlags(parsed: Record<string, unknown>, known: FlagSpecs, command: string): void {
  const unknown = Object.keys(parsed).find((name) => !(name in known) && name !== 'help' && name !== 'version');
  if (unknown === undefined) return;
  const flag = unknown.length === 1 ? `-${unknown}` : `--${unknown.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  throw new UserError(`Unknown option ${flag}; run \`${[BIN, command, '--help'].filter(Boolean).join(' ')}\` for the options.`, 2);
}

async function main(): Promise<number> {
  const first = parse(mainHelp(commands, BIN), globalFlags);
  const name = first.input[0];
  const debug = Boolean(first.flags.debug);
  try {
    if (name === undefined) {
      rejectUnknownFlags(first.flags, globalFlags, '');
      const { runApp } = await import('./ui/run.js');
      return await runApp({ db: first.flags.db as string | undefined, configFile: first.flags.config as string | undefined });
    }
    const command: Command | undefined = commands.find((c) => c.name === name);
    if (!command) throw new UserError(`Unknown command "${name}"; run \`${BIN} --help\` for the list.`, 2);

    const known = { ...globalFlags, ...command.flags };
    const cli = parse(commandHelp(command, BIN), known);
    // meow answers --help by itself only when it is the sole argument; `load --help` must not load.
    if (cli.flags.help) cli.showHelp(0);
    rejectUnknownFlags(cli.flags, known, command.name);
    const configFile = (cli.flags.config as string | undefined) ?? defaultConfigFile();
    const code = await command.run({
      args: cli.input.slice(1),
      flags: cli.flags as Record<string, string | boolean | number | undefined>,
      io: { stdout: process.stdout, stderr: process.stderr },
      configFile,
      openDatabase: (options) => {
        const resolved = resolveTarget({ db: cli.flags.db as string | undefined, configFile });
        const warning = passwordWarning(resolved);
        if (warning) process.stderr.write(`${BIN}: ${warning}\n`);
        return openDatabase(resolved.target, options);
      },
    });
    return code ?? 0;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`${BIN}: ${error.message}\n`);
      if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${BIN}: ${message.replace(/\s+$/, '')}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

process.exitCode = await main();
