import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { Footer, footerHints, type Hint } from './footer.js';

const hints: Hint[] = [
  ['Enter', 'sessions'],
  ['/', 'filter'],
  ['s/S', 'sort'],
  ['e', 'export'],
  ['Q', 'quit'],
];

test('shows the status line above the key hints', () => {
  const { lastFrame } = render(<Footer status="rows 1-20 of 300" hints={hints} width={80} />);
  assert.deepEqual(lastFrame()?.split('\n'), ['rows 1-20 of 300', 'Enter sessions  / filter  s/S sort  e export  Q quit  ? help']);
});

test('a narrow footer keeps the most useful hints that fit, and "? help" always comes last', () => {
  assert.equal(footerHints(hints, 42), 'Enter sessions  / filter  s/S sort  ? help');
  assert.equal(footerHints(hints, 40), 'Enter sessions  / filter  Q quit  ? help', 'a shorter hint further on fills the room');
  assert.equal(footerHints(hints, 30), 'Enter sessions  Q quit  ? help');
  assert.equal(footerHints(hints, 6), '? help');
  for (const width of [60, 45, 33, 20]) assert.ok(footerHints(hints, width).length <= width, String(width));
});
