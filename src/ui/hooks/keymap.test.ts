import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyPresses } from '../keys.js';
import { actionFor } from './keymap.js';

const actionsOf = (read: string) => keyPresses(read).map(actionFor);

test('letters and keys map to the same actions everywhere', () => {
  assert.deepEqual(actionsOf('jkgGqQ/:?'), ['down', 'up', 'top', 'bottom', 'back', 'quit', 'filter', 'jump', 'help']);
  assert.deepEqual(actionsOf('\u001B[B'), ['down']);
  assert.deepEqual(actionsOf('\u001B[6~'), ['pageDown']);
  assert.deepEqual(actionsOf('\u001B[H'), ['top']);
  assert.deepEqual(actionsOf('\r'), ['enter']);
  assert.deepEqual(actionsOf('\u001B'), ['back']);
  assert.deepEqual(actionsOf('\u0003'), ['interrupt']);
  assert.deepEqual(actionsOf('\t'), ['nextTab']);
  assert.deepEqual(actionsOf('\u001B[Z'), ['previousTab']);
});

test('a burst is one action per key', () => {
  assert.deepEqual(actionsOf('jjjjjjjjjj'), Array(10).fill('down'));
  assert.deepEqual(actionsOf('jj\r'), ['down', 'down', 'enter']);
});

test('other keys and control chords mean nothing', () => {
  assert.deepEqual(actionsOf('x'), [undefined]);
  assert.deepEqual(actionsOf('\u000E'), [undefined], 'Ctrl-N');
  assert.deepEqual(actionsOf('\u001Bj'), [undefined], 'Alt-j');
});
