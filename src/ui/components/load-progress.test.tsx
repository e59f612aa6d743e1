import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { LoadProgressView } from './load-progress.js';
import { ThemeContext, chooseTheme } from '../theme.js';

test('shows the bar by bytes, the rates and the running counts', () => {
  const progress = { read: 40_000, inserted: 39_000, duplicates: 900, rejected: 100, bytesRead: 500, totalBytes: 1000, elapsedMs: 2000 };
  const { lastFrame } = render(
    <ThemeContext.Provider value={chooseTheme({ env: { TERM: 'dumb' } })}>
      <LoadProgressView progress={progress} width={80} />
    </ThemeContext.Provider>,
  );
  assert.deepEqual(lastFrame()?.split('\n'), [
    `  ${'#'.repeat(35)}${'.'.repeat(35)}  50%`,
    '  40,000 rows read (50%), ETA 2.0s, 20,000 rows/s, 500 B of 1000 B, elapsed 2.0s',
    '  committed: 39,000 new, 900 duplicates, 100 rejected',
  ]);
});

test('a line wider than the screen is cut, with an ASCII mark on a dumb terminal', () => {
  const progress = { read: 40_000, inserted: 39_000, duplicates: 900, rejected: 100, bytesRead: 500, totalBytes: 1000, elapsedMs: 2000 };
  const { lastFrame } = render(
    <ThemeContext.Provider value={chooseTheme({ env: { TERM: 'dumb' } })}>
      <LoadProgressView progress={progress} width={33} />
    </ThemeContext.Provider>,
  );
  assert.equal(lastFrame()?.split('\n')[1], '  40,000 rows read (50%), ETA 2.0s~');
});
