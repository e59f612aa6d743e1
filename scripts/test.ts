/**
 * `npm test`: type-checks, starts a local Citus cluster (scripts/citus-cluster.ts) when Citus is installed, runs
 * every test file with the cluster as a third database target, and stops the cluster whatever happened. The exit
 * code is the first failure's. Without Citus, the cluster script says so in one line and the target is skipped.
 *
 *   node --import tsx scripts/test.ts [test files...]   (no files: every *.test.ts(x) under test/ and src/)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function testFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.test\.tsx?$/.test(entry.name)) found.push(path.relative(root, full));
    }
  };
  for (const dir of ['test', 'src']) walk(path.join(root, dir));
  return found.sort();
}

function cluster(command: 'start' | 'stop', folder: string): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/citus-cluster.ts', command, folder], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`citus-cluster.ts ${command} failed (exit ${result.status})`);
  return result.stdout.trim();
}

let running: ChildProcess | undefined;

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    running = child;
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const typecheck = await run(npx, ['tsc', '--noEmit'], process.env);
if (typecheck !== 0) process.exit(typecheck);

const folder = path.join(os.tmpdir(), `se-test-citus-${process.pid}`);
// A stop request goes to the test run (Ctrl-C reaches it anyway); this process waits for it, then stops the cluster
const forward = (signal: NodeJS.Signals) => running?.kill(signal);
process.on('SIGINT', forward).on('SIGTERM', forward);
let code = 1;
try {
  const citusUrl = cluster('start', folder);
  const env = { ...process.env, ...(citusUrl ? { TEST_CITUS_URL: citusUrl } : {}) };
  const files = process.argv.slice(2);
  code = await run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...(files.length ? files : testFiles())], env);
} finally {
  cluster('stop', folder);
}
process.exit(code);
