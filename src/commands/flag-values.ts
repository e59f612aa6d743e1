import { UserError } from '../errors.js';

/** A numeric flag's value as a whole number of at least `min`, or a usage error (exit 2) that names the flag. */
export function wholeNumber(flag: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const kind = min > 0 ? 'a positive whole number' : `a whole number of ${min} or more`;
    // meow has already turned text into NaN, so the user's own spelling is not available to quote
    const got = Number.isNaN(value) ? '' : `, not ${String(value)}`;
    throw new UserError(`--${flag} must be ${kind}${got}.`, 2);
  }
  return value;
}

/** Commands that take a fixed number of positional arguments say so in one sentence. */
export function expectArgs(command: string, args: readonly string[], names: readonly string[]): void {
  if (args.length === names.length) return;
  const wanted = names.length === 0 ? 'no arguments' : names.map((n) => `<${n}>`).join(' ');
  throw new UserError(`${command} takes ${wanted}${args.length ? ` (got "${args.join(' ')}")` : ''}.`, 2);
}
