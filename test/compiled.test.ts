import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { command, repoRoot, runCli } from './support/cli.js';
import { serverBackend } from './support/backends.js';
import { tempDir } from './support/files.js';
import { writeTinyLog } from './support/tiny-log.js';

/** The command runs the compiled JavaScript: `npm start` and the installed command never go through tsx. */

test('the command runs dist/, built from the current sources: a load, then stats --json', async () => {
  const database = await serverBackend.create();
  try {
    const loaded = await runCli(['load', writeTinyLog(tempDir()), '--db', database.url, '--json']);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.doesNotMatch(loaded.stderr, /compiling/, 'dist/ was up to date: nothing rebuilt');
    const stats = await runCli(['stats', '--json', '--db', database.url]);
    assert.equal(stats.code, 0, stats.stderr);
    assert.ok(JSON.parse(stats.stdout).sessions > 0);
  } finally {
    await database.drop();
  }
  // a stack trace says which code ran
  const failed = await runCli(['no-such-command', '--debug']);
  assert.match(failed.stderr, /dist\/cli\.js/);
  assert.doesNotMatch(failed.stderr, /src\/cli\.tsx/);
  const scripts = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts;
  assert.equal(scripts.start, `node ${path.relative(repoRoot, command)}`, 'npm start runs the installed command');
});

test('a copy whose sources changed since its build compiles them before it runs, and refuses sources that do not compile', () => {
  // a checkout of its own: its sources, its settings, the project's installed packages
  const copy = tempDir('se-build-');
  for (const entry of ['src', 'bin', 'tsconfig.json', 'tsconfig.build.json', 'package.json']) {
    fs.cpSync(path.join(repoRoot, entry), path.join(copy, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(copy, 'node_modules'));
  const run = () => spawnSync(process.execPath, [path.join(copy, 'bin', 'session-explorer.js'), '--help'], { encoding: 'utf8' });

  const first = run();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /the sources changed since dist\/ was built; compiling them first/, 'no dist/ yet: built');
  assert.match(first.stdout, /Commands/);
  const again = run();
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stderr, '', 'unchanged sources: no rebuild');

  fs.appendFileSync(path.join(copy, 'src', 'errors.ts'), '\nexport const broken: number = "not a number";\n');
  const broken = run();
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /The TypeScript sources do not compile \(see above\); dist\/ was left as it was\./);
  assert.doesNotMatch(broken.stdout, /Commands/, 'a stale build is not run');
});
