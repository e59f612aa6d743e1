import type { OpenOptions } from '../db/connect.js';
import type { Database } from '../db/database.js';

/** A flag, declared once: meow parses it and the help text is generated from it. */
export interface FlagSpec {
  type: 'string' | 'boolean' | 'number';
  description: string;
  shortFlag?: string;
  default?: string | boolean | number;
  /** Shown in help as `--flag <placeholder>`. */
  placeholder?: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export interface CommandIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export interface CommandContext {
  args: string[];
  flags: Record<string, string | boolean | number | undefined>;
  io: CommandIO;
  /** The database chosen by --db > DATABASE_URL > profile > default; the caller closes it. */
  openDatabase(options?: OpenOptions): Promise<Database>;
  /** The config file in force (--config or the user's config folder). */
  configFile: string;
}

export interface Command {
  name: string;
  /** `<anonymous_id>` and the like, for the usage line. */
  args?: string;
  summary: string;
  flags: FlagSpecs;
  examples?: string[];
  /** Returns the exit code (0 when omitted). */
  run(context: CommandContext): Promise<number | void>;
}

/** Flags every command takes. */
export const globalFlags: FlagSpecs = {
  db: { type: 'string', placeholder: 'url-or-path', description: 'postgres:// URL of a server, or folder of an embedded database' },
  config: { type: 'string', placeholder: 'file', description: 'profile file to read and write (default: your config folder)' },
  debug: { type: 'boolean', description: 'print stack traces of errors' },
  color: { type: 'boolean', default: true, description: 'no colours (NO_COLOR=1 and TERM=dumb do the same)' },
};

/** Flags of the commands that print rows. */
export const outputFlags: FlagSpecs = {
  json: { type: 'boolean', description: 'print JSON (and nothing else) on stdout' },
  csv: { type: 'boolean', description: 'print CSV on stdout' },
};

/** Ensures a command is declared with the exact shape the registry expects. */
export function defineCommand(command: Command): Command {
  return command;
}
