import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/connect.js';
import { runningServer } from '../src/db/embedded/server-process.js';
import { canEnter } from '../src/db/embedded/account.js';
import { UserError } from '../src/errors.js';
import { repoRoot } from './support/cli.js';
import { tempDir } from './support/files.js';
import { stopLeftoverServer } from './support/backends.js';

const dir = tempDir('se-embedded-');
const isRoot = process.getuid?.() === 0;

// A failed assertion must not leave an app (and so this test process) or a server running.
const children: ChildProcess[] = [];
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const name of fs.readdirSync(dir, { recursive: true })) await stopLeftoverServer(path.join(dir, String(name)));
});

interface AppProcess {
  child: ChildProcess;
  /** The server's pid, as the app saw it once the database was open. */
  serverPid: number;
  /** Ends its standard input: the app closes the database and exits. */
  close(): Promise<void>;
}

/** An app process on `folder` (test/support/embedded-app.ts), once it has the database open. */
function startApp(folder: string, options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'support', 'embedded-app.ts'), folder], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...options,
  });
  children.push(child);
  let output = '';
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const open = /open (\d+)/.exec(output);
      if (open) {
        resolve({
          child,
          serverPid: Number(open[1]),
          async close() {
            child.stdin!.end();
            await exited;
          },
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`the app exited with ${code} before opening: ${errors}`)));
  });
}

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/** The processes whose command line names `folder`: the server, its watcher, an app. */
function processesWith(folder: string): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(folder);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the embedded database', () => {
  test('the first open creates it for the server account alone; the last app to close stops its server', async () => {
    const folder = path.join(dir, 'first');
    const app = await startApp(folder);
    const stat = fs.statSync(folder);
    assert.equal(stat.mode & 0o777, 0o700);
    if (isRoot) assert.notEqual(stat.uid, 0, 'owned by the postgres account, not root');
    assert.ok(fs.existsSync(path.join(folder, 'session-explorer.json')));
    assert.equal(runningServer(folder)?.pid, app.serverPid);
    await app.close();
    assert.equal(runningServer(folder), undefined, 'stopped when its only app closed');
  });

  test('a second app uses the same server; the first to close leaves it to the second', async () => {
    const folder = path.join(dir, 'shared');
    const first = await startApp(folder);
    const second = await startApp(folder);
    assert.equal(second.serverPid, first.serverPid, 'never a second server on one folder');
    await first.close();
    assert.equal(runningServer(folder)?.pid, second.serverPid, 'still running for the second app');
    const inProcess = await openDatabase({ kind: 'embedded', dataDir: folder });
    assert.deepEqual((await inProcess.query<{ n: number }>('SELECT 1 AS n')).rows, [{ n: 1 }]);
    await inProcess.close();
    await second.close();
    assert.equal(runningServer(folder), undefined);
  });

  test('a server left running by a killed app is found and reused, then stopped by the next app to close', async () => {
    const folder = path.join(dir, 'killed');
    const killed = await startApp(folder);
    killed.child.kill('SIGKILL');
    await new Promise((resolve) => killed.child.on('exit', resolve));
    assert.equal(runningServer(folder)?.pid, killed.serverPid, 'the server outlives a killed app');
    const next = await openDatabase({ kind: 'embedded', dataDir: folder });
    assert.equal(runningServer(folder)?.pid, killed.serverPid, 'reused, not started again');
    await next.close();
    assert.equal(runningServer(folder), undefined);
  });

  test('a server whose only app was killed stops by itself within seconds, its watcher with it', async () => {
    const folder = path.join(dir, 'orphan');
    // and the user's PGSSLMODE does not ask for TLS on the socket (the server would refuse the app and its watcher)
    const killed = await startApp(folder, { env: { ...process.env, PGSSLMODE: 'require' } });
    const watchers = () => processesWith(folder).filter((pid) => pid !== killed.serverPid && pid !== killed.child.pid);
    await waitUntil(() => watchers().length === 1, 'the watcher to start');
    killed.child.kill('SIGKILL');
    await waitUntil(() => runningServer(folder) === undefined, 'the server to stop with no app left');
    await waitUntil(() => watchers().length === 0, 'the watcher to exit');
  });

  test('closing the terminal (tmux kill-session) stops the server, under node and under npm start', { skip: !hasTmux && 'tmux is not installed' }, async () => {
    const socket = `se-embedded-${process.pid}`;
    try {
      for (const [name, command] of [
        ['node', `node bin/session-explorer.js`],
        ['npm', `npm start --silent --`],
      ] as const) {
        const folder = path.join(dir, `terminal-${name}`);
        const db = await openDatabase({ kind: 'embedded', dataDir: folder }, { create: true });
        await db.close();
        const config = path.join(dir, `config-${name}.json`);
        // CI=true would make Ink draw only its last frame
        const line = `env -u CI ${command} --db '${folder}' --config '${config}'; sleep 600`;
        execFileSync('tmux', ['-L', socket, 'new-session', '-d', '-s', name, '-x', '100', '-y', '30', '-c', repoRoot, line]);
        await waitUntil(() => runningServer(folder)?.status === 'ready', `the app under ${name} to start the server`, 120_000);
        const screen = () => execFileSync('tmux', ['-L', socket, 'capture-pane', '-p', '-t', name], { encoding: 'utf8' });
        await waitUntil(() => /empty|Load/.test(screen()), `the app under ${name} to show the load offer`, 120_000);
        execFileSync('tmux', ['-L', socket, 'kill-session', '-t', name]);
        await waitUntil(() => runningServer(folder) === undefined, `the server to stop once the terminal under ${name} is closed`);
        await waitUntil(() => processesWith(folder).length === 0, `no app, watcher nor server left under ${name}`);
      }
    } finally {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    }
  });

  test('folder names a shell would read: the server starts, the data loads, nothing in the name runs', async () => {
    const parent = path.join(dir, 'names');
    fs.mkdirSync(parent, { mode: 0o711 });
    const marker = `ran-${process.pid}`;
    const listed = `q"uote $(touch ${marker}) \`touch ${marker}\` it's; x\ny é 名`;
    // and one nobody listed: random printable and non-ASCII characters
    const alphabet = [...'!"#$%&\'()*+,-.:;<=>?@[\\]^_`{|}~ \t\n', 'é', '名', '😀', ...'azAZ09'];
    const random = Array.from({ length: 40 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
    for (const name of [listed, random]) {
      const folder = path.join(parent, name);
      const db = await openDatabase({ kind: 'embedded', dataDir: folder }, { create: true });
      try {
        await db.exec('CREATE TABLE t (a text); INSERT INTO t VALUES ($$loaded$$)');
        assert.deepEqual((await db.query('SELECT a FROM t')).rows, [{ a: 'loaded' }], `in ${JSON.stringify(name)}`);
      } finally {
        await db.close();
      }
      assert.equal(runningServer(folder), undefined, `stopped: ${JSON.stringify(name)}`);
    }
    // where a shell would have run it: the app's folder, the data folders and their parent, the server's home
    for (const place of [process.cwd(), repoRoot, parent, os.tmpdir(), '/', '/var/lib/postgresql', ...fs.readdirSync(parent).map((name) => path.join(parent, name))]) {
      assert.equal(fs.existsSync(path.join(place, marker)), false, `a command in a folder name ran (in ${place})`);
    }
    assert.deepEqual(fs.readdirSync(parent).sort(), [listed, random].sort(), 'nothing else was made beside them');
  });

  test('two apps creating the same new folder at once both get one database', async () => {
    const folder = path.join(dir, 'race');
    const apps = await Promise.allSettled([startApp(folder), startApp(folder)]);
    const opened = apps.flatMap((app) => (app.status === 'fulfilled' ? [app.value] : []));
    await Promise.all(opened.map((app) => app.close()));
    for (const app of apps) if (app.status === 'rejected') throw app.reason;
    assert.equal(opened[0]!.serverPid, opened[1]!.serverPid);
    assert.deepEqual(
      fs.readdirSync(dir).filter((name) => name.includes('race') && name !== 'race'),
      [],
      'no staging folder left behind',
    );
  });

  test('a folder with spaces, and one too long for a socket path, both work', async () => {
    const spaced = path.join(dir, 'with spaces', "it's here");
    const long = path.join(dir, 'a'.repeat(60), 'b'.repeat(60));
    for (const folder of [spaced, long]) {
      const db = await openDatabase({ kind: 'embedded', dataDir: folder }, { create: true });
      try {
        await db.exec('CREATE TABLE t (a int); INSERT INTO t VALUES (1)');
        assert.deepEqual((await db.query('SELECT a FROM t')).rows, [{ a: 1 }]);
      } finally {
        await db.close();
      }
      assert.equal(runningServer(folder), undefined);
    }
  });

  test('the lookups do not create a database where there is none; a PGlite folder is refused with what to do', async () => {
    const missing = path.join(dir, 'typo');
    await assert.rejects(openDatabase({ kind: 'embedded', dataDir: missing }), {
      message: `There is no embedded database in ${missing}; load a file into it first, or check the folder's name.`,
    });
    assert.equal(fs.existsSync(missing), false);

    const { PGlite } = await import('@electric-sql/pglite');
    const legacy = path.join(dir, 'pglite');
    const pglite = await PGlite.create(legacy);
    await pglite.close();
    await assert.rejects(openDatabase({ kind: 'embedded', dataDir: legacy }, { create: true }), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(error.message, /^.*pglite holds a database made by an earlier version of session-explorer \(PGlite\), which this version cannot open; move it aside or delete it and load your file again, or choose another folder with --db\.$/);
      return true;
    });
  });

  test('as root, a folder the postgres account cannot reach is refused in one sentence', { skip: !isRoot && 'needs root' }, async () => {
    const privateHome = fs.mkdtempSync(path.join(os.tmpdir(), 'se-private-'));
    fs.chmodSync(privateHome, 0o700);
    try {
      await assert.rejects(openDatabase({ kind: 'embedded', dataDir: path.join(privateHome, 'db') }, { create: true }), {
        message: new RegExp(`runs as the postgres account \\(PostgreSQL does not run as root\\), which cannot open ${privateHome}; choose a folder it can reach`),
      });
    } finally {
      fs.rmSync(privateHome, { recursive: true, force: true });
    }
  });

  test('an ordinary user runs the server as themselves', { skip: !isRoot && 'needs root to become another user' }, async (t) => {
    const nobody = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' });
    if (nobody.status !== 0) return t.skip('the machine has no `nobody` account');
    const uid = Number(nobody.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    // nobody must be able to read the project to run it: not so in a checkout under a private home folder
    if (!canEnter({ name: 'nobody', uid, gid }, repoRoot)) return t.skip('the project folder is out of reach of other users');
    // and Node itself: not so for a Node unpacked under a private home folder (CI's second Node line)
    if (!canEnter({ name: 'nobody', uid, gid }, path.dirname(process.execPath))) return t.skip('Node is out of reach of other users');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'se-nobody-'));
    fs.chownSync(home, uid, gid);
    try {
      const folder = path.join(home, 'db');
      const app = await startApp(folder, { uid, gid });
      assert.equal(fs.statSync(folder).uid, uid);
      const server = fs.statSync(`/proc/${app.serverPid}`);
      assert.equal(server.uid, uid, 'the server runs as the user');
      await app.close();
      await waitUntil(() => runningServer(folder) === undefined, 'the server to stop');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
