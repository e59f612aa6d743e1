import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyPresses } from './keys.js';

const names = (read: string) => keyPresses(read).map((k) => k.name);
const texts = (read: string) => keyPresses(read).map((k) => k.text);

test('a burst of one key is that many presses', () => {
  assert.deepEqual(names('jjjjjjjjjj'), Array(10).fill('j'));
  assert.deepEqual(names('\u007F'.repeat(60)), Array(60).fill('backspace'));
  assert.deepEqual(texts('\u007F\u007F'), ['', ''], 'a Backspace is never text');
});

test('a paste is its characters, and its line end is one Enter (CR, LF or CRLF)', () => {
  assert.deepEqual(texts('8d6d63aa'), [...'8d6d63aa']);
  for (const ending of ['\r', '\n', '\r\n']) {
    const presses = keyPresses(`ab${ending}`);
    assert.deepEqual(
      presses.map((k) => k.name),
      ['a', 'b', 'return'],
      JSON.stringify(ending),
    );
  }
});

test('control characters are keys with ctrl, never text', () => {
  const presses = keyPresses('\u0001\u0005\u0015\u000B\u0017\u0003\u0000');
  assert.deepEqual(
    presses.map((k) => [k.name, k.ctrl, k.text]),
    [
      ['a', true, ''],
      ['e', true, ''],
      ['u', true, ''],
      ['k', true, ''],
      ['w', true, ''],
      ['c', true, ''],
      ['`', true, ''],
    ],
  );
  assert.deepEqual(texts('\u0085\u009B'), ['', ''], 'C1 controls are not text either');
});

test('escape sequences, Alt chords and a lone Esc', () => {
  assert.deepEqual(names('\u001B[A'), ['up']);
  assert.deepEqual(names('\u001B[H'), ['home']);
  assert.deepEqual(names('\u001B[4~'), ['end']);
  assert.deepEqual(names('\u001B[3~'), ['delete']);
  const ctrlLeft = keyPresses('\u001B[1;5D')[0]!;
  assert.deepEqual([ctrlLeft.name, ctrlLeft.ctrl], ['left', true]);
  const altB = keyPresses('\u001Bb')[0]!;
  assert.deepEqual([altB.name, altB.meta, altB.text], ['b', true, '']);
  const shiftTab = keyPresses('\u001B[Z')[0]!;
  assert.deepEqual([shiftTab.name, shiftTab.shift], ['tab', true]);
  assert.deepEqual(names('\u001B'), ['escape']);
  assert.deepEqual(names('\u001B\u001B'), ['escape', 'escape']);
});

test('wide and astral characters are one key each', () => {
  assert.deepEqual(texts('é日😀'), ['é', '日', '😀']);
  assert.deepEqual(texts('A '), ['A', ' ']);
});
