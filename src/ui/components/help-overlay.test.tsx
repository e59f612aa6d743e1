import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { HelpOverlay } from './help-overlay.js';

test('lists the keys of the screen from the keymap, with per-screen wording', () => {
  const { lastFrame } = render(<HelpOverlay title="Users" actions={['down', 'enter', 'sort']} overrides={{ enter: "open the user's sessions" }} />);
  const frame = lastFrame() ?? '';
  assert.match(frame, /Keys: Users/);
  assert.match(frame, /down \/ j {2}next row/);
  assert.match(frame, /Enter {5}open the user's sessions/);
  assert.match(frame, /s {9}sort by the next column/);
});
