import meow, { type AnyFlags } from 'meow';
import { UserError } from '../errors.js';
import type { FlagSpecs, FlagValues } from './command.js';

function meowFlags(specs: FlagSpecs): AnyFlags {
  return Object.fromEntries(
    Object.entries(specs).map(([name, { type, shortFlag, default: value }]) => [
      name,
      { type, ...(shortFlag === undefined ? {} : { shortFlag }), ...(value === undefined ? {} : { default: value }) },
    ]),
  ) as AnyFlags;
}

export interface CommandLine<F extends FlagSpecs> {
  /** The words that are not flags. */
  input: string[];
  flags: FlagValues<F>;
  /** `--help` was given, wherever it stands (meow answers it by itself only when it is the sole argument). */
  helpWanted: boolean;
  /** Prints the help text and exits with `code`. */
  showHelp(code?: number): never;
  /** A flag not in the specs is a usage error: for a first pass that left them alone (`allowUnknown`). */
  rejectUnknown(): void;
}

export interface ParseOptions {
  /** The help text, printed for `--help`. */
  help: string;
  /** How to ask for the options, quoted in the error about an unknown one (`session-explorer load --help`). */
  helpCommand: string;
  /** Leave flags that are not in `specs` alone (a first pass that only looks for the command's name). */
  allowUnknown?: boolean;
  /** Leave a lone `--help` to the caller, who may need to import more to write the help (a first pass). */
  deferHelp?: boolean;
}

/** A flag as the user types it, from meow's camelCase key: batchRows is --batch-rows, tenMillion is --ten-million. */
export function spelled(name: string): string {
  if (name.length === 1) return `-${name}`;
  return `--${name.replace(/([a-z])(\d)/g, '$1-$2').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

/**
 * The one parser of the CLI and the bench: meow over flags declared once. An unknown flag is one sentence and
 * exit 2 (meow would print two lines and exit by itself).
 */
export function parseCommandLine<const F extends FlagSpecs>(argv: readonly string[], specs: F, options: ParseOptions): CommandLine<F> {
  const cli = meow(options.help, {
    importMeta: import.meta,
    argv: [...argv],
    flags: meowFlags(specs),
    allowUnknownFlags: true,
    autoHelp: options.deferHelp !== true,
    description: false,
  });
  const parsed = cli.flags as Record<string, unknown>;
  const unknown = Object.keys(parsed).find((name) => !(name in specs) && name !== 'help' && name !== 'version');
  const rejectUnknown = () => {
    if (unknown !== undefined) throw new UserError(`Unknown option ${spelled(unknown)}; run \`${options.helpCommand}\` for the options.`, 2);
  };
  if (!options.allowUnknown) rejectUnknown();
  return { input: cli.input, flags: parsed as FlagValues<F>, helpWanted: parsed.help === true, showHelp: (code) => cli.showHelp(code), rejectUnknown };
}
