import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fit, headOfWidth, tailOfWidth, visible, widthOf } from './text-width.js';

test('fit pads, aligns and cuts with an ellipsis', () => {
  assert.equal(fit('ab', 4), 'ab  ');
  assert.equal(fit('ab', 4, 'right'), '  ab');
  assert.equal(fit('abcdef', 4), 'abc\u2026');
  assert.equal(fit('abcdef', 4, 'left', '~'), 'abc~');
  assert.equal(fit('abcdef', 1), '\u2026');
  assert.equal(fit('abc', 0), '');
});

test('wide characters count two columns and are never cut in half', () => {
  assert.equal(widthOf('東京'), 4);
  assert.equal(fit('東京', 4), '東京');
  assert.equal(fit('東京都', 4), '東\u2026 ', 'a wide character that does not fit leaves a space, not half of itself');
  assert.equal(widthOf(fit('東京都', 5, 'right')), 5);
  assert.equal(headOfWidth('a😀b', 2), 'a');
  assert.equal(tailOfWidth('a😀b', 3), '😀b');
  assert.equal(fit('🇩🇪 berlin', 3), '🇩🇪\u2026');
});

test('control characters show in caret notation and cannot move the cursor', () => {
  assert.equal(visible('Ride Done\r'), 'Ride Done^M');
  assert.equal(visible('a\tb\u001b[2Jc\u007f'), 'a^Ib^[[2Jc^?');
  assert.equal(visible('x\u0085'), 'x<U+0085>');
  assert.equal(fit('a\rb', 5), 'a^Mb ');
});
