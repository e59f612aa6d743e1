import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { OutcomeLabel } from './outcome-label.js';
import { ThemeContext, chooseTheme } from '../theme.js';

test('the outcome reads as a word, with or without colour', () => {
  const coloured = render(<OutcomeLabel outcome="booked" width={8} />);
  assert.match(coloured.lastFrame() ?? '', /booked/);
  const plain = render(
    <ThemeContext.Provider value={chooseTheme({ env: { NO_COLOR: '1' } })}>
      <OutcomeLabel outcome="looked" />
    </ThemeContext.Provider>,
  );
  assert.equal(plain.lastFrame(), 'looked');
});
