import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { Menu } from './menu.js';
import { keys, press, waitForFrame, waitUntil } from '../../../test/support/ink.js';

const options = [
  { value: 'a', label: 'Alpha', hint: 'the first' },
  { value: 'b', label: 'Beta' },
  { value: 'c', label: 'Gamma' },
] as const;

test('Enter alone picks the highlighted default', async () => {
  const picked: string[] = [];
  const menu = render(<Menu options={options} initial="b" onSelect={(v) => picked.push(v)} />);
  await waitForFrame(menu, 'Gamma');
  assert.match(menu.lastFrame() ?? '', /> Beta/);
  assert.match(menu.lastFrame() ?? '', /the first/);
  await press(menu, keys.enter);
  assert.deepEqual(picked, ['b']);
});

test('moves with arrows and j/k, stops at the ends, goes back on Esc and quits on Q', async () => {
  const picked: string[] = [];
  let back = 0;
  let quit = 0;
  const menu = render(<Menu options={options} onSelect={(v) => picked.push(v)} onBack={() => back++} onQuit={() => quit++} />);
  await waitForFrame(menu, 'Gamma');
  await press(menu, 'j', keys.down, 'j', keys.enter, 'k', keys.enter, 'g', keys.up, keys.enter, 'q', 'Q');
  assert.deepEqual(picked, ['c', 'b', 'a']);
  assert.equal(back, 1);
  assert.equal(quit, 1);
});

test('keys in one read each count: jj Enter picks the third option', async () => {
  const picked: string[] = [];
  const menu = render(<Menu options={options} onSelect={(v) => picked.push(v)} />);
  await waitForFrame(menu, 'Gamma');
  menu.stdin.write('jj\r');
  await waitForFrame(menu, '> Gamma');
  await waitUntil(menu, () => picked.length > 0, 'a pick');
  assert.deepEqual(picked, ['c']);
});
