import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { Bar } from './bar.js';
import { ThemeContext, chooseTheme } from '../theme.js';

test('a bar fills its share of the width, in ASCII on a dumb terminal', () => {
  const { lastFrame } = render(
    <ThemeContext.Provider value={chooseTheme({ env: { TERM: 'dumb' } })}>
      <Bar fraction={0.3} width={10} />
    </ThemeContext.Provider>,
  );
  assert.equal(lastFrame(), '###.......');
});

test('a bar never overflows', () => {
  const { lastFrame } = render(<Bar fraction={7} width={4} />);
  assert.equal(lastFrame()?.replace(/\u001b\[[0-9;]*m/g, ''), '\u2588'.repeat(4));
});
