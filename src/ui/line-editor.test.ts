import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyPresses } from './keys.js';
import { edit, lineOf, type Line } from './line-editor.js';

/** Types `read` (as the terminal sends it) into `line`; keys that are not edits are listed, not applied. */
function type(line: Line, read: string): { line: Line; passed: string[] } {
  const passed: string[] = [];
  for (const key of keyPresses(read)) {
    const next = edit(line, key);
    if (next) line = next;
    else passed.push(key.name);
  }
  return { line, passed };
}

const shown = ({ text, cursor }: Line) => `${text.slice(0, cursor)}|${text.slice(cursor)}`;

test('printable keys insert at the cursor; a burst of Backspaces deletes that many characters', () => {
  assert.equal(shown(type(lineOf(''), 'local_files/mob').line), 'local_files/mob|');
  assert.equal(shown(type(lineOf('local_files/mob'), '\u007F'.repeat(60) + 'x').line), 'x|');
  assert.equal(shown(type(lineOf('abc'), '\u001B[D\u001B[DX').line), 'aX|bc');
});

test('control characters and unknown keys never reach the text', () => {
  const { line } = type(lineOf('id'), '\u0000\u0002\u0007\u000E\u001B[15~\u0085\u009B');
  assert.equal(line.text, 'id');
});

test('Ctrl-A/E, Home/End and the arrows move; Ctrl-U/K/W and Delete cut', () => {
  assert.equal(shown(type(lineOf('select 1'), '\u0001').line), '|select 1');
  assert.equal(shown(type(lineOf('select 1'), '\u0001\u0005').line), 'select 1|');
  assert.equal(shown(type(lineOf('select 1'), '\u001B[H').line), '|select 1');
  assert.equal(shown(type(lineOf('select 1'), '\u001B[H\u001B[F').line), 'select 1|');
  assert.equal(shown(type(lineOf('select 1'), '\u001B[D\u001B[D\u0015').line), '| 1');
  assert.equal(shown(type(lineOf('select 1'), '\u0001\u001B[C\u000B').line), 's|');
  assert.equal(shown(type(lineOf('cat local_files/a.csv'), '\u0017').line), 'cat |');
  assert.equal(shown(type(lineOf('abc'), '\u0001\u001B[3~').line), '|bc');
  assert.equal(shown(type(lineOf('abc'), '\u0001\u0004').line), '|bc', 'Ctrl-D deletes forward');
});

test('word moves: Alt-b/f, Ctrl-left/right, Alt-Backspace and Alt-d', () => {
  const start = lineOf('select count(*) from sessions');
  assert.equal(shown(type(start, '\u001Bb').line), 'select count(*) from |sessions');
  assert.equal(shown(type(start, '\u001Bb\u001Bb\u001Bb').line), 'select |count(*) from sessions');
  assert.equal(shown(type(start, '\u001B[1;5D\u001B[1;5D\u001B[1;5C').line), 'select count(*) from| sessions');
  assert.equal(shown(type(start, '\u001B\u007F').line), 'select count(*) from |');
  assert.equal(shown(type(start, '\u0001\u001Bd').line), '| count(*) from sessions');
});

test('graphemes move and delete as one', () => {
  assert.equal(shown(type(lineOf('a😀'), '\u001B[D').line), 'a|😀');
  assert.equal(shown(type(lineOf('🇩🇪x'), '\u001B[D\u007F').line), '|x');
  assert.equal(type(lineOf('e\u0301'), '\u007F').line.text, '');
});

test('Enter, Esc, Tab, up/down and Ctrl-C are left to the field owner', () => {
  const { line, passed } = type(lineOf('8d6d'), '63aa\r');
  assert.equal(line.text, '8d6d63aa');
  assert.deepEqual(passed, ['return']);
  assert.deepEqual(type(lineOf(''), '\t\u001B[A\u001B[B\u0003').passed, ['tab', 'up', 'down', 'c']);
});
