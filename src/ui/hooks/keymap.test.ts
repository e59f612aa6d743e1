import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionFor } from './keymap.js';

test('letters and keys map to the same actions everywhere', () => {
  assert.equal(actionFor('j', {}), 'down');
  assert.equal(actionFor('', { downArrow: true }), 'down');
  assert.equal(actionFor('k', {}), 'up');
  assert.equal(actionFor('g', {}), 'top');
  assert.equal(actionFor('G', {}), 'bottom');
  assert.equal(actionFor('', { pageDown: true }), 'pageDown');
  assert.equal(actionFor('', { return: true }), 'enter');
  assert.equal(actionFor('', { escape: true }), 'back');
  assert.equal(actionFor('q', {}), 'back');
  assert.equal(actionFor('Q', {}), 'quit');
  assert.equal(actionFor('c', { ctrl: true }), 'interrupt');
  assert.equal(actionFor('/', {}), 'filter');
  assert.equal(actionFor(':', {}), 'jump');
  assert.equal(actionFor('', { tab: true, shift: true }), 'previousTab');
});

test('other keys and control chords mean nothing', () => {
  assert.equal(actionFor('x', {}), undefined);
  assert.equal(actionFor('j', { ctrl: true }), undefined);
});
