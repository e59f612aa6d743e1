import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visible } from './visible.js';

/** Every character a terminal could act on: C0, DEL, C1, the bidirectional controls, the line and paragraph separators. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

test('no control character survives, each shows as something a person can read, and nothing else changes', () => {
  for (let code = 0; code <= 0x3000; code++) {
    const c = String.fromCodePoint(code);
    const shown = visible(`a${c}b`);
    assert.ok(!UNSAFE.test(shown), `U+${code.toString(16)} got through`);
    if (UNSAFE.test(c)) assert.ok(shown.length > 3, `U+${code.toString(16)} vanished`);
    else assert.equal(shown, `a${c}b`);
  }
  assert.equal(visible('\u001b[31mred\u001b]0;title\u0007'), '^[[31mred^[]0;title^G');
  assert.equal(visible('\u009b2J\u202eevil'), '<U+009B>2J<U+202E>evil');
  // an emoji's joiner is kept: it draws one picture
  assert.equal(visible('👩\u200d💻'), '👩\u200d💻');
});
