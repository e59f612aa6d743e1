import type { Command } from './command.js';

/** Every subcommand, one file each; the order here is the order in `--help`. */
export const commands: readonly Command[] = [];
