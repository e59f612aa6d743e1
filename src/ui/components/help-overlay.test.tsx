import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { keyHelp, type Action } from '../hooks/keymap.js';
import { keys, press } from '../../../test/support/ink.js';
import { HelpOverlay, helpEntries, helpLines } from './help-overlay.js';

const noop = () => {};

test('lists the keys of the screen from the keymap, with per-screen wording', () => {
  const { lastFrame } = render(
    <HelpOverlay title="Users" actions={['down', 'enter', 'sort']} overrides={{ enter: "open the user's sessions" }} width={80} height={20} onClose={noop} />,
  );
  const frame = lastFrame() ?? '';
  assert.match(frame, /Keys: Users/);
  assert.match(frame, /down \/ j {2}next row/);
  assert.match(frame, /Enter {5}open the user's sessions/);
  assert.match(frame, /s {9}sort by the next column/);
  assert.match(frame, /Press any key to close/);
});

const everyAction = Object.keys(keyHelp) as Action[];

for (const width of [80, 60, 40, 24]) {
  test(`at ${width} columns every line fits, and each entry's keys and words are all there, in order`, () => {
    const entries = helpEntries({ title: 'all', actions: everyAction, extra: [['Shift-left/right', 'a key of a screen of its own']] });
    const lines = helpLines(entries, width);
    for (const line of lines) assert.ok(line.length <= width - 4, `too wide at ${width}: ${JSON.stringify(line)}`);
    const words = lines.join(' ').split(/\s+/).filter(Boolean);
    const expected = entries.flatMap(([k, does]) => `${k} ${does}`.split(/\s+/));
    assert.deepEqual(words, expected);
  });
}

test('what does not fit the height scrolls, and a key other than a scrolling one closes', async () => {
  let closed = 0;
  const rendered = render(<HelpOverlay title="all" actions={everyAction} width={60} height={12} onClose={() => closed++} />);
  const seen = new Set<string>();
  const collect = () => {
    for (const line of (rendered.lastFrame() ?? '').split('\n')) seen.add(line.replace(/^[│|] ?| *[│|]$/g, '').trim());
  };
  collect();
  assert.match(rendered.lastFrame() ?? '', /1-8 of \d+ lines; j\/k, PgUp\/PgDn scroll/);
  for (let i = 0; i < 12; i++) {
    await press(rendered, keys.pageDown);
    collect();
  }
  assert.equal(closed, 0);
  for (const line of helpLines(helpEntries({ title: 'all', actions: everyAction }), 60)) assert.ok(seen.has(line.trim()), `never shown: ${line}`);
  rendered.stdin.write('x');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(closed, 1);
});
