import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { chooseTheme, ThemeContext } from '../theme.js';
import { Line } from './line.js';

test('a line that fits shows whole; a longer one is cut with an ellipsis across its parts', () => {
  assert.equal(render(<Line parts={['ab', { text: 'cd', bold: true }]} width={10} />).lastFrame(), 'abcd');
  assert.equal(render(<Line parts={['abc', { text: 'def', bold: true }]} width={5} />).lastFrame(), 'abcd\u2026');
});

test('on a dumb terminal the cut is ASCII', () => {
  const frame = render(
    <ThemeContext.Provider value={chooseTheme({ env: { TERM: 'dumb' } })}>
      <Line parts={['device a70d1613-6601', '  2376 events']} width={12} />
    </ThemeContext.Provider>,
  ).lastFrame();
  assert.equal(frame, 'device a70d~');
});
