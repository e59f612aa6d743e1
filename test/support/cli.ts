import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../bin/build.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The installed command, as users run it: the compiled JavaScript, rebuilt here once if the sources changed. */
export const command = path.join(repoRoot, 'bin', 'session-explorer.js');
ensureBuilt();

/** Starts the real CLI (the compiled command) as a child process; `stdin: 'pipe'` to write its standard input. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, stdin: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawn(process.execPath, [command, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: [stdin, 'pipe', 'pipe'],
  });
}

/** Runs the CLI to the end, with `input` (if given) as its standard input, and collects its output. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<CliResult> {
  const child = startCli(args, env, input === undefined ? 'ignore' : 'pipe');
  if (input !== undefined) child.stdin!.end(input);
  let stdout = '';
  let stderr = '';
  // decoded as a stream: a character split between two chunks stays one character
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
