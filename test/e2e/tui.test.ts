import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config/paths.js';
import { serverBackend } from '../support/backends.js';
import { tempDir, writeFile } from '../support/files.js';
import { writeTinyLog } from '../support/tiny-log.js';
import { command as installedCommand } from '../support/cli.js';
import { helpEntries } from '../../src/ui/components/help-overlay.js';
import { screenHelp } from '../../src/ui/screens/browser.js';
import type { View } from '../../src/ui/navigation.js';

/**
 * The real app in a real terminal: tmux runs it with an empty config folder, and the tests type and read the
 * screen as a person would. Keys sent in one `send-keys` reach the app in one read, as a held key or a
 * paste does.
 */

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
// A tmux server of our own (its own socket), so the tests neither see nor touch anyone else's sessions.
const socket = `se-e2e-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

/** A terminal running the app with `args`; it prints the app's exit status once the app has ended. */
function terminal(name: string, size: { columns: number; rows: number }, args: string[], env: string[] = []) {
  const dir = tempDir('se-e2e-');
  const vars = [
    `SESSION_EXPLORER_DATA_DIR=${path.join(dir, 'data')}`,
    `SESSION_EXPLORER_LOG_DIR=${path.join(dir, 'logs')}`,
    'TERM=xterm-256color',
    ...env,
  ];
  const quoted = [...args, '--config', path.join(dir, 'config', 'config.json')].map((a) => `'${a}'`).join(' ');
  // the installed command, compiled, as a user runs it
  const command = `env -u CI ${vars.join(' ')} node '${installedCommand}' ${quoted}; echo "app exited with $?"; sleep 600`;
  tmux('new-session', '-d', '-s', name, '-x', String(size.columns), '-y', String(size.rows), '-c', projectRoot, command);

  const screen = () => tmux('capture-pane', '-p', '-t', name);
  return {
    screen,
    /** Sends each argument as one write: a key name (Enter, Escape), or literal text with `literal`. */
    keys: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
    type: (text: string) => tmux('send-keys', '-t', name, '-l', text),
    resize: (columns: number, rows: number) => tmux('resize-window', '-t', name, '-x', String(columns), '-y', String(rows)),
    /** Polls the screen until it shows `pattern`; a slow machine gets a generous deadline, never a timing assertion. */
    async waitFor(pattern: RegExp, what: string, timeoutMs = 120_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const shown = screen();
        if (pattern.test(shown)) return shown;
        if (Date.now() > deadline) assert.fail(`Waited for ${what} (${String(pattern)}); the screen shows:\n${shown}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    /** Resident memory of the app's process, in MB. */
    residentMb(): number {
      const shell = tmux('display-message', '-p', '-t', name, '#{pane_pid}').trim();
      const app = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]!;
      return Number(execFileSync('ps', ['-o', 'rss=', '-p', app], { encoding: 'utf8' }).trim()) / 1024;
    },
  };
}

/** The line of the row under the cursor, counted from the top of the screen. */
const cursorLine = (screen: string) => screen.split('\n').findIndex((line) => line.startsWith('> '));

after(() => {
  if (hasTmux) spawnSync('tmux', ['-L', socket, 'kill-server']);
});

describe('the app in tmux', { skip: !hasTmux && 'tmux is not installed' }, () => {
  test('first run: embedded setup, sample load with progress, users, sessions, events, back; Esc stays, Q quits', async () => {
    const app = terminal('first-run', { columns: 120, rows: 36 }, []);

    const setup = await app.waitFor(/Where should the events live\?/, 'the setup wizard');
    assert.match(setup, /> Embedded database/);
    app.keys('Enter');

    const offer = await app.waitFor(/The database is empty/, 'the load offer');
    assert.match(offer, /Saved the profile to .*config\.json/);
    assert.match(offer, /> Load the sample: local_files\/mobile_events_2020\.csv\.gz/);
    app.keys('Enter');

    const loading = await app.waitFor(/running +load[\s\S]*rows\/s/, 'the load in progress');
    assert.match(loading, /done +schema/);
    assert.match(loading, /\d+% *\n.*rows read \([\d.]+%\), ETA .*, .*rows\/s, .* of .*, elapsed /);
    assert.match(loading, /pending +sessions/);

    const loaded = await app.waitFor(/Enter: browse users and sessions/, 'the end of the load');
    assert.match(loaded, /Read 102,422 rows = [\d,]+ new \+ [\d,]+ duplicates \+ [\d,]+ rejected/);
    app.keys('Enter');

    const users = await app.waitFor(/rows 1-\d+ of [\d,]+ +sort: sessions, highest first/, 'the users');
    assert.match(users, /\[Users\]/);
    assert.match(users.split('\n')[0]!, /\/data +\[Users\]/, 'the header names the embedded folder in use');
    assert.match(users, /^ {2}anonymous id +devices +sessions .* +booked +looked +browsed +seed flag +first seen +last seen$/m);
    const firstUser = /^> (\S+)/m.exec(users)![1]!;
    app.keys('Enter');

    const sessions = await app.waitFor(/sessions on \d+ devices?/, "the first user's sessions");
    assert.match(sessions, new RegExp(`Users > user ${firstUser}`));
    assert.match(sessions, /stage reached/);
    app.keys('Enter');

    const events = await app.waitFor(/opened at session 0/, 'the events of the first session');
    assert.match(events, /> == session 0 ==/);
    assert.match(events, /\bfirst\b/, 'the first event of the device has no gap before it');
    app.keys('Escape');
    await app.waitFor(/sessions on \d+ devices?/, 'back on the sessions');
    app.keys('Escape');
    const back = await app.waitFor(/rows 1-\d+ of [\d,]+ +sort: sessions/, 'back on the users');
    assert.match(back, new RegExp(`^> ${firstUser}`, 'm'));

    app.keys('Escape');
    await app.waitFor(/This is the first screen: Q quits\./, 'Esc on Users to say so, not to quit');
    app.keys('Q');
    const ended = await app.waitFor(/app exited with \d+/, 'the app to quit');
    assert.match(ended, /app exited with 0/);
    assert.doesNotMatch(ended, /anonymous id/, 'the alternate screen is gone: the terminal shows what it showed before');
  });

  test('bursts and pastes after a failed load: every key counts, and memory stays put', async () => {
    const database = await serverBackend.create();
    try {
      const bad = writeFile(tempDir(), 'not-the-log.csv', 'name;value\nx;1\n');
      const app = terminal('bursts', { columns: 120, rows: 36 }, ['--db', database.url]);
      await app.waitFor(/The database is empty/, 'the load offer');
      app.keys('j');
      await app.waitFor(/> Load a file of my own/, 'the second choice');
      app.keys('Enter');
      await app.waitFor(/File:/, 'the file prompt');
      app.type(`${bad}\r`);
      await app.waitFor(/Enter: browse what is loaded/, 'the load to fail');
      app.keys('Enter');
      await app.waitFor(/The database is empty/, 'the load offer again');

      // The runaway: sixty Backspaces in one read, then x, Enter, Esc, in the file prompt after a load.
      app.keys('j');
      await app.waitFor(/> Load a file of my own/, 'the second choice');
      app.keys('Enter');
      await app.waitFor(/File:/, 'the file prompt');
      app.type('local_files/mob');
      await app.waitFor(/File: local_files\/mobile_events_2020\.csv\.gz/, 'the completion on offer');
      app.type('\u007F'.repeat(60));
      await app.waitFor(/^File: path\/to\/events\.csv\.gz$/m, 'every character deleted, none typed: the placeholder again');
      app.type('x');
      app.keys('Enter');
      await app.waitFor(/Error: File not found: \S+\/x\.$/m, 'the missing file said');
      app.keys('Escape');
      await app.waitFor(/> Load the sample/, 'the menu back');

      app.keys('Enter');
      await app.waitFor(/Enter: browse users and sessions/, 'the sample loaded');
      app.keys('Enter');
      const users = await app.waitFor(/rows 1-\d+ of [\d,]+ +sort: sessions/, 'the users');
      const top = cursorLine(users);
      const tenth = users.split('\n')[top + 10]!.slice(2).split(' ')[0]!;
      app.type('jjjjjjjjjj');
      const moved = await app.waitFor(new RegExp(`^> ${tenth} `, 'm'), 'ten rows down');
      assert.equal(cursorLine(moved), top + 10);

      // Keys in bursts across screens: three tabs and back to Users, then a pasted id with its Enter.
      app.type('\t\t\t');
      await app.waitFor(/\[Users\]/, 'Users again');
      app.type(':');
      await app.waitFor(/Jump to the user with anonymous id:/, 'the jump prompt');
      app.type(`${tenth.toUpperCase()}\r`);
      await app.waitFor(new RegExp(`Users > user ${tenth.toUpperCase()}`), "the pasted user's sessions");
      app.type('jjjjj\r');
      await app.waitFor(/opened at session 5/, 'the sixth session, five rows down, opened in the same read');

      assert.ok(app.residentMb() < 600, `the app holds ${app.residentMb()} MB`);
      app.keys('Q');
      await app.waitFor(/app exited with 0/, 'the app to quit');
    } finally {
      await database.drop();
    }
  });

  test('at 60x15 and 80x24, on a dumb terminal: header, rows line and footer on every screen, all ASCII', async () => {
    const database = await serverBackend.create();
    try {
      execFileSync('node', [installedCommand, 'load', writeTinyLog(tempDir()), '--db', database.url], { cwd: projectRoot, stdio: 'ignore' });
      const app = terminal('narrow', { columns: 60, rows: 15 }, ['--db', database.url], ['TERM=dumb']);
      const check = (screen: string, what: string) => {
        const lines = screen.replace(/\n+$/, '').split('\n');
        assert.match(lines[0]!, /^session-explorer .*\[Users\] +Stats +Query +\(Tab\)$/, `the header of ${what}:\n${screen}`);
        assert.match(screen, /^rows \d+-\d+ of \d+ /m, `the rows line of ${what}:\n${screen}`);
        assert.match(lines.at(-1)!, /\? help$/, `the footer of ${what}:\n${screen}`);
        assert.doesNotMatch(screen, /[^\x00-\x7F]/, `${what} is all ASCII:\n${screen}`);
      };
      check(await app.waitFor(/rows 1-2 of 2/, 'the users'), 'Users at 60x15');
      app.keys('Enter');
      check(await app.waitFor(/sessions on 1 device/, 'the sessions'), 'Sessions at 60x15');
      app.keys('Right');
      check(await app.waitFor(/^< /m, 'the columns scrolled'), 'Sessions scrolled sideways');
      app.keys('Enter');
      check(await app.waitFor(/opened at/, 'the events'), 'Events at 60x15');
      app.resize(80, 24);
      check(await app.waitFor(/^ {2}created at \^ +gap +event +decided$/m, 'the events at 80 columns'), 'Events at 80x24');
      app.keys('Q');
      await app.waitFor(/app exited with 0/, 'the app to quit');
    } finally {
      await database.drop();
    }
  });

  for (const size of [{ columns: 80, rows: 24 }, { columns: 60, rows: 15 }]) {
    test(`at ${size.columns}x${size.rows}, the help of every screen lists every key of it, each line whole`, async () => {
      const database = await serverBackend.create();
      try {
        execFileSync('node', [installedCommand, 'load', writeTinyLog(tempDir()), '--db', database.url], { cwd: projectRoot, stdio: 'ignore' });
        const app = terminal(`help-${size.columns}`, size, ['--db', database.url]);

        /** Opens the help with `key`, pages through it, and gives back all its lines, read off the screen. */
        const readHelp = async (key: string, title: string): Promise<string[]> => {
          app.keys(key);
          const lines: string[] = [];
          for (;;) {
            const shown = await app.waitFor(new RegExp(`Keys: ${title.replace(/[()]/g, '\\$&')}`), `the help of ${title}`);
            const boxed = shown.split('\n').flatMap((line) => /^[│|] (.*?) *[│|]$/.exec(line)?.[1] ?? []);
            assert.ok(boxed.length >= 2, `the help is boxed:\n${shown}`);
            const closing = boxed.at(-1)!;
            const body = boxed.slice(1, -1);
            const place = /^(\d+)-(\d+) of (\d+) lines/.exec(closing);
            if (!place) {
              assert.match(closing, /Press any key to close/);
              lines.push(...body);
              break;
            }
            const [first, last, total] = place.slice(1).map(Number) as [number, number, number];
            assert.equal(body.length, last - first + 1, `the lines the help says it shows:\n${shown}`);
            body.forEach((line, i) => (lines[first - 1 + i] = line));
            if (last === total) break;
            app.keys('PageDown');
            await app.waitFor(new RegExp(`^[│|] (?!${first}-)\\d+-\\d+ of ${total} lines`, 'm'), 'the next page of the help');
          }
          app.keys('x');
          await app.waitFor(/^(?![\s\S]*Keys: )/, 'the help closed');
          return lines;
        };
        const check = (kind: View['kind'], lines: string[]) => {
          const entries = helpEntries(screenHelp(kind));
          // Every key and its words, in order, and nothing else: a line drawn over another garbles the words.
          const words = lines.join(' ').split(/\s+/).filter(Boolean);
          assert.deepEqual(words, entries.flatMap(([keys, does]) => `${keys} ${does}`.split(/\s+/)), `the help of ${kind}`);
          for (const [keys] of entries) assert.ok(lines.some((line) => line.startsWith(keys)), `${keys} starts a line of the help of ${kind}`);
        };

        await app.waitFor(/rows 1-2 of 2/, 'the users');
        check('users', await readHelp('?', 'Users'));
        app.keys('Enter');
        await app.waitFor(/sessions on 1 device/, 'the sessions');
        check('sessions', await readHelp('?', "A user's sessions"));
        app.keys('Enter');
        await app.waitFor(/opened at/, 'the events');
        check('events', await readHelp('?', 'Events of a device'));
        app.keys('Tab');
        await app.waitFor(/\[Stats\]/, 'the stats');
        check('stats', await readHelp('?', 'Stats'));
        app.keys('Tab');
        await app.waitFor(/SQL>/, 'the console');
        check('query', await readHelp('F1', 'Query (SQL console)'));
        check('query', await readHelp('?', 'Query (SQL console)'));
        await app.waitFor(/^SQL> SELECT/m, 'the `?` that opened the help is not left in the statement');
        app.type('select 1 as "a?b"');
        await app.waitFor(/SQL> select 1 as "a\?b"/, 'a `?` inside a statement is typed');
        app.keys('Enter');
        await app.waitFor(/1 row/, 'the statement run');
        app.keys('C-c');
        await app.waitFor(/app exited with 0/, 'Ctrl-C on an idle console to quit');
      } finally {
        await database.drop();
      }
    });
  }

  test('Ctrl-C near the end of a load exits 130 saying what the ledger holds; the next start offers to finish it, and Enter does', async () => {
    const database = await serverBackend.create();
    try {
      const dir = tempDir();
      const file = path.join(dir, 'events.csv');
      execFileSync('node', [installedCommand, 'generate', '--rows', '150000', '--seed', '3', '--out', file], { cwd: projectRoot, stdio: 'ignore' });
      const first = terminal('stop', { columns: 80, rows: 24 }, ['--db', database.url]);
      await first.waitFor(/The database is empty/, 'the load offer');
      first.keys('j');
      await first.waitFor(/> Load a file of my own/, 'the second choice');
      first.keys('Enter');
      await first.waitFor(/File:/, 'the file prompt');
      first.type(`${file}\r`);
      // stopped between 80% and 95% of the file: late in the load, before its end
      await first.waitFor(/ (8\d|9[0-4])% *\n/, 'the load at about 90%', 300_000);
      first.keys('C-c');
      const said = await first.waitFor(/app exited with \d+/, 'the app to stop');
      assert.match(said, /app exited with 130/);
      // the terminal cuts the farewell at 80 columns, where a space may fall
      const farewell = said.replace(/\n/g, '');
      const stated = /stopped after line ([\d,]+): ?([\d,]+) ?rows ?read ?= ?([\d,]+) ?new ?\+ ?([\d,]+) ?duplicates ?\+ ?([\d,]+) ?rejected, ?committed/.exec(farewell);
      assert.ok(stated, `the farewell says what is committed:\n${said}`);
      const [line, read, inserted, duplicates, rejected] = stated.slice(1).map((n) => Number(n.replace(/,/g, '')));
      const ledger = execFileSync('psql', [database.url, '-Atc', "SELECT committed_line, read_rows, inserted, duplicates, rejected, status FROM load_runs"], { encoding: 'utf8' }).trim();
      assert.equal(ledger, `${line}|${read}|${inserted}|${duplicates}|${rejected}|failed`, 'the farewell matches the ledger');
      assert.ok(read! > 100_000 && read! < 150_000, `stopped late but before the end: ${read} rows`);

      const second = terminal('resume', { columns: 80, rows: 24 }, ['--db', database.url]);
      const offer = await second.waitFor(/> Finish loading/, 'the offer to finish the load, first');
      assert.match(offer.replace(/\n/g, ''), new RegExp(`> Finish loading .*events\\.csv \\(${line!.toLocaleString('en-US')} lines done\\)`));
      assert.match(offer, /^ {2}Browse what is already loaded/m, 'browsing comes second');
      second.keys('Enter');
      await second.waitFor(/Enter: browse users and sessions/, 'the load finished', 300_000);
      const total = execFileSync('psql', [database.url, '-Atc', "SELECT count(*) FROM load_runs WHERE status = 'done' AND read_rows = 150000"], { encoding: 'utf8' }).trim();
      assert.equal(total, '1', 'the same run, resumed, read every row of the file');
      second.keys('Q');
      await second.waitFor(/app exited with 0/, 'the app to quit');
    } finally {
      await database.drop();
    }
  });
});
