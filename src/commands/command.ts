import type { OpenOptions } from '../db/connect.js';
import type { Database } from '../db/database.js';

interface FlagTypes {
  string: string;
  boolean: boolean;
  number: number;
}

/** A flag, declared once: its type and default type the command's `flags`, meow parses it, and help is made from it. */
export interface FlagSpec<T extends keyof FlagTypes = keyof FlagTypes> {
  type: T;
  description: string;
  shortFlag?: string;
  default?: FlagTypes[T];
  /** Shown in help as `--flag <placeholder>`. */
  placeholder?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

/** The parsed value of each flag: its declared type, and `undefined` only when it has no default. */
export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F]: F[K] extends { default: FlagTypes[keyof FlagTypes] } ? FlagTypes[F[K]['type']] : FlagTypes[F[K]['type']] | undefined;
};

export interface CommandIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export interface CommandContext<F extends FlagSpecs = FlagSpecs> {
  args: string[];
  flags: FlagValues<F & typeof globalFlags>;
  io: CommandIO;
  /** The database chosen by --db > DATABASE_URL > profile > default; the caller closes it. */
  openDatabase(options?: OpenOptions): Promise<Database>;
  /** The config file in force (--config or the user's config folder). */
  configFile: string;
}

export interface Command<F extends FlagSpecs = FlagSpecs> {
  name: string;
  /** `<anonymous_id>` and the like, for the usage line. */
  args?: string;
  summary: string;
  flags: F;
  examples?: string[];
  /** Returns the exit code (0 when omitted). */
  run(context: CommandContext<F>): Promise<number | void>;
}

/** Flags every command takes. */
export const globalFlags = {
  db: { type: 'string', placeholder: 'url-or-path', description: 'postgres:// URL of a server, or folder of an embedded database' },
  config: { type: 'string', placeholder: 'file', description: 'profile file to read and write (default: your config folder)' },
  debug: { type: 'boolean', description: 'print stack traces of errors' },
  color: { type: 'boolean', default: true, description: 'no colours (NO_COLOR=1 and TERM=dumb do the same)' },
} as const satisfies FlagSpecs;

/** Flags of the commands that print rows. */
export const outputFlags = {
  json: { type: 'boolean', description: 'print JSON (and nothing else) on stdout' },
  csv: { type: 'boolean', description: 'print CSV on stdout' },
} as const satisfies FlagSpecs;

/**
 * A command whose `run` sees its flags typed from their specs (`const`: a spec's type and default stay literal);
 * the registry holds it as a plain Command, since the parser fills `flags` from the same specs.
 */
export function defineCommand<const F extends FlagSpecs>(command: Command<F>): Command {
  return command as unknown as Command;
}
