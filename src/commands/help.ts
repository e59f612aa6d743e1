import type { Command, FlagSpecs } from './command.js';
import { globalFlags } from './command.js';
import { spelled } from './parse-flags.js';

/** The options of a help text, from the flags' specs. */
export function flagLines(flags: FlagSpecs): string[] {
  const entries = Object.entries(flags).map(([name, spec]) => {
    const short = spec.shortFlag ? `-${spec.shortFlag}, ` : '    ';
    const display = spec.type === 'boolean' && spec.default === true ? spelled(name).replace(/^--/, '--no-') : spelled(name);
    const value = spec.type === 'boolean' ? '' : ` <${spec.placeholder ?? (spec.type === 'number' ? 'n' : 'value')}>`;
    return [`${short}${display}${value}`, spec.description] as const;
  });
  const width = Math.max(...entries.map(([left]) => left.length));
  return entries.map(([left, description]) => `    ${left.padEnd(width)}  ${description}`);
}

export function commandHelp(command: Command, bin: string): string {
  const lines = [command.summary, '', 'Usage', `  $ ${bin} ${command.name}${command.args ? ` ${command.args}` : ''} [options]`];
  if (Object.keys(command.flags).length > 0) lines.push('', 'Options', ...flagLines(command.flags));
  lines.push('', 'Global options', ...flagLines(globalFlags));
  if (command.examples?.length) lines.push('', 'Examples', ...command.examples.map((e) => `  $ ${bin} ${e}`));
  return lines.join('\n');
}

export function mainHelp(commands: readonly Command[], bin: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Load a scooter app event log into PostgreSQL, split it into sessions, and browse booking outcomes.',
    '',
    'Usage',
    `  $ ${bin}                      open the terminal app (guided setup on first run)`,
    `  $ ${bin} <command> [options]`,
    '',
    'Commands',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options',
    ...flagLines(globalFlags),
    '',
    `Run \`${bin} <command> --help\` for a command's options.`,
  ].join('\n');
}
