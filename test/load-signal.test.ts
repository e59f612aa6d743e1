import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { backends } from './support/backends.js';
import { repoRoot, runCli } from './support/cli.js';
import { csv, eventLine, tempDir, writeFile } from './support/files.js';

const dir = tempDir();
const ROWS = 20_000;
const logEnv = { SESSION_EXPLORER_LOG_DIR: dir };

for (const backend of backends) {
  describe(`Ctrl-C under npm start on the ${backend.name} backend`, () => {
    test('one SIGINT to the whole process group, as a terminal sends it, stops the load cleanly; the rerun finishes it', async () => {
      const fresh = await backend.create();
      try {
        const file = writeFile(dir, `sigint-${backend.name}.csv`, csv(Array.from({ length: ROWS }, (_, i) => eventLine(i))));
        const args = ['load', file, '--db', fresh.url, '--json'];
        // a process group of its own, led by npm, as a shell's job would be
        const child = spawn('npm', ['start', '--silent', '--', ...args, '--batch-rows', '10'], {
          cwd: repoRoot,
          env: { ...process.env, NO_COLOR: '1', ...logEnv },
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        // npm itself dies of the signal, as a shell's job leader may; its stderr closes when the load has finished too
        const closed = new Promise<string>((resolve) => child.on('close', (code, signal) => resolve(String(code ?? signal))));
        const committed = new Promise<void>((resolve) => {
          child.stderr.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
            if (/load: .*[1-9][\d,]* new/.test(stderr)) resolve();
          });
        });
        await committed;
        process.kill(-child.pid!, 'SIGINT');
        assert.ok(['130', 'SIGINT'].includes(await closed), stderr);
        assert.match(stderr, /Stopping after the current batch/);
        assert.match(stderr, /Load interrupted after line \d+; run the same command again to finish it\./);

        const rerun = await runCli(args, logEnv);
        assert.equal(rerun.code, 0, rerun.stderr);
        const summary = JSON.parse(rerun.stdout);
        assert.equal(summary.resumed, true, 'the run was left failed, not running');
        assert.deepEqual([summary.read, summary.inserted, summary.duplicates, summary.rejected], [ROWS, ROWS, 0, 0]);
      } finally {
        await fresh.drop();
      }
    });
  });
}
