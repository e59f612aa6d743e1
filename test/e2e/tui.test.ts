import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config/paths.js';
import { tempDir } from '../support/files.js';

/**
 * The real app in a real terminal: tmux runs it at 120x40 with an empty config folder, and the test types
 * and reads the screen as a new user would, from the first-run setup to quitting.
 */

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A tmux server of our own (its own socket), so the test neither sees nor touches anyone else's sessions.
const socket = `se-e2e-${process.pid}`;
const session = 'app';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', session);
}

function sendKeys(...keys: string[]): void {
  for (const key of keys) tmux('send-keys', '-t', session, key);
}

/** Polls the screen until it shows `pattern`; a slow machine gets a generous deadline, never a timing assertion. */
async function waitFor(pattern: RegExp, what: string, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen();
    if (pattern.test(shown)) return shown;
    if (Date.now() > deadline) assert.fail(`Waited for ${what} (${String(pattern)}); the screen shows:\n${shown}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

after(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

test('first run: embedded setup, sample load with progress, users, sessions, events, back, quit', { skip: !hasTmux && 'tmux is not installed' }, async () => {
  const dir = tempDir('se-e2e-');
  const configFile = path.join(dir, 'config', 'config.json');
  const env = [
    `SESSION_EXPLORER_DATA_DIR=${path.join(dir, 'data')}`,
    `SESSION_EXPLORER_LOG_DIR=${path.join(dir, 'logs')}`,
    'TERM=xterm-256color',
  ];
  // The exit status is printed after the app, so the test sees that it ended well and gave the screen back.
  const command = `env -u CI ${env.join(' ')} node --import tsx src/cli.tsx --config '${configFile}'; echo "app exited with $?"; sleep 600`;
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', '-c', projectRoot, command);

  const setup = await waitFor(/Where should the events live\?/, 'the setup wizard');
  assert.match(setup, /> Embedded database/);
  sendKeys('Enter');

  const offer = await waitFor(/The database is empty/, 'the load offer');
  assert.match(offer, /Saved the profile to .*config\.json/);
  assert.match(offer, /> Load the sample: local_files\/mobile_events_2020\.csv\.gz/);
  sendKeys('Enter');

  const loading = await waitFor(/running +load[\s\S]*rows\/s/, 'the load in progress');
  assert.match(loading, /done +schema/);
  assert.match(loading, /\d+% *\n.*rows, .* of .*, .*rows\/s, elapsed .*, ETA/);
  assert.match(loading, /new, .* duplicates, .* rejected/);
  assert.match(loading, /pending +sessions/);

  const loaded = await waitFor(/Enter: browse users and sessions/, 'the end of the load');
  assert.match(loaded, /Read 102,422 rows = [\d,]+ new \+ [\d,]+ duplicates \+ [\d,]+ rejected/);
  assert.match(loaded, /done +sessions +Build sessions/);
  sendKeys('Enter');

  const users = await waitFor(/rows 1-\d+ of [\d,]+ +sort: sessions/, 'the users');
  assert.match(users, /\[Users\]/);
  assert.match(users, /^> \S+/m);
  const firstUser = /^> (\S+)/m.exec(users)![1]!;
  sendKeys('Enter');

  const sessions = await waitFor(/sessions on \d+ devices?/, "the first user's sessions");
  assert.match(sessions, new RegExp(`Users > user ${firstUser}`));
  assert.match(sessions, /stage reached/);
  assert.match(sessions, /\b(booked|looked|browsed)\b/);
  sendKeys('Enter');

  const events = await waitFor(/opened at session 0/, 'the events of the first session');
  assert.match(events, /> == session 0 ==/);
  assert.match(events, /\bfirst\b/, 'the first event of the device has no gap before it');
  sendKeys('Escape');
  await waitFor(/sessions on \d+ devices?/, 'back on the sessions');
  sendKeys('Escape');
  const back = await waitFor(/rows 1-\d+ of [\d,]+ +sort: sessions/, 'back on the users');
  assert.match(back, new RegExp(`^> ${firstUser}`, 'm'));

  sendKeys('Q');
  const after = await waitFor(/app exited with \d+/, 'the app to quit');
  assert.match(after, /app exited with 0/);
  assert.doesNotMatch(after, /anonymous id/, 'the alternate screen is gone: the terminal shows what it showed before');
});
