import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldWindow } from './field-window.js';
import { widthOf } from './text-width.js';

const drawn = (w: { before: string; under: string; after: string }) => `${w.before}[${w.under}]${w.after}`;

test('a short text shows whole, the cursor on a character or after the end', () => {
  assert.equal(drawn(fieldWindow('abc', 3, 10, '~')), 'abc[ ]');
  assert.equal(drawn(fieldWindow('abc', 1, 10, '~')), 'a[b]c');
});

test('a long text scrolls to keep the cursor in view, its cut ends marked', () => {
  const id = 'x'.repeat(3000) + 'END';
  const atEnd = fieldWindow(id, id.length, 20, '~');
  assert.equal(drawn(atEnd), `~${'x'.repeat(15)}END[ ]`);
  const atStart = fieldWindow(id, 0, 20, '~');
  assert.equal(drawn(atStart), `[x]${'x'.repeat(18)}~`);
  for (const cursor of [0, 1, 1500, 2999, 3003]) {
    const w = fieldWindow(id, cursor, 20, '~');
    assert.ok(widthOf(w.before) + widthOf(w.under) + widthOf(w.after) <= 20, `cursor ${cursor}`);
  }
});

test('wide characters are measured in columns', () => {
  const text = '東京'.repeat(20);
  const w = fieldWindow(text, text.length, 11, '~');
  assert.ok(widthOf(w.before) + widthOf(w.under) + widthOf(w.after) <= 11);
  assert.match(w.before, /^~(東京)+|~京(東京)*$/);
});
