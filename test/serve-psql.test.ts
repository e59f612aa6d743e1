import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runningServer } from '../src/db/embedded/server-process.js';
import { runCli, startCli } from './support/cli.js';
import { tempDir } from './support/files.js';
import { stopLeftoverServer } from './support/backends.js';
import { TINY_LOG_ROWS, writeTinyLog } from './support/tiny-log.js';

const hasPsql = spawnSync('psql', ['--version']).status === 0;
const dir = tempDir('se-serve-');
// a name that must survive the URL: percent-encoding carries any character
const folder = path.join(dir, `data 'q"% &?=#`);
const env = { SESSION_EXPLORER_CONFIG: path.join(dir, 'config.json') };

test('`serve` prints URLs on which psql counts the events, then Ctrl-C stops the server; `psql` opens and closes it', { skip: !hasPsql && 'psql is not installed' }, async (t) => {
  t.after(() => stopLeftoverServer(folder));
  const loaded = await runCli(['load', writeTinyLog(dir), '--db', folder], env);
  assert.equal(loaded.code, 0, loaded.stderr);

  const serve = startCli(['serve', '--json', '--db', folder], env);
  const line = await new Promise<string>((resolve, reject) => {
    let output = '';
    serve.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('\n')) resolve(output.split('\n')[0]!);
    });
    serve.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const { url, readOnlyUrl } = JSON.parse(line) as { url: string; readOnlyUrl: string };
  const psql = (target: string, sql: string) => spawnSync('psql', [target, '-X', '-At', '-c', sql], { encoding: 'utf8' });
  const counted = psql(url, 'SELECT count(*) FROM mobile_events');
  assert.equal(counted.stderr, '');
  assert.equal(Number(counted.stdout.trim()), TINY_LOG_ROWS);
  assert.equal(Number(psql(readOnlyUrl, 'SELECT count(*) FROM mobile_events').stdout.trim()), TINY_LOG_ROWS);
  assert.match(psql(readOnlyUrl, 'DELETE FROM mobile_events').stderr, /permission denied/, 'the read-only URL cannot write');

  const exited = new Promise<number | null>((resolve) => serve.on('exit', resolve));
  serve.kill('SIGINT');
  assert.equal(await exited, 0);
  assert.equal(runningServer(folder), undefined, 'stopped once serve, its only app, ended');

  const viaCommand = await runCli(['psql', '--db', folder, '--', '-X', '-At', '-c', 'SELECT count(DISTINCT anonymous_id) FROM mobile_events'], env);
  assert.equal(viaCommand.code, 0, viaCommand.stderr);
  assert.equal(viaCommand.stdout.trim(), '2');
  assert.equal(runningServer(folder), undefined, 'stopped once psql ended');
  assert.ok(fs.existsSync(folder));
});

test('`psql` and `serve` on a server say they are for the embedded database', async () => {
  const result = await runCli(['serve', '--db', process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'], env);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /`serve` is for the embedded database; .* is a server: connect to it with its own URL\.\n$/);
});
