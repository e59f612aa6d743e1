import type { KeyPress } from './keys.js';
import { graphemes } from './text-width.js';

/** A one-line text field's content and where its cursor is (an index into `text`, on a grapheme boundary). */
export interface Line {
  text: string;
  cursor: number;
}

export function lineOf(text: string): Line {
  return { text, cursor: text.length };
}

/** The grapheme boundaries of `text`, from 0 to its length. */
function boundaries(text: string): number[] {
  const stops = [0];
  for (const g of graphemes(text)) stops.push(stops.at(-1)! + g.length);
  return stops;
}

function previousStop(text: string, cursor: number): number {
  return boundaries(text).filter((stop) => stop < cursor).at(-1) ?? 0;
}

function nextStop(text: string, cursor: number): number {
  return boundaries(text).find((stop) => stop > cursor) ?? text.length;
}

const isWordCharacter = (c: string) => /[\p{L}\p{N}_]/u.test(c);

/** Readline's word moves: back to the start of the word before the cursor, or on to the end of the next one. */
function wordStart(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && !isWordCharacter(text[i - 1]!)) i--;
  while (i > 0 && isWordCharacter(text[i - 1]!)) i--;
  return i;
}

function wordEnd(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && !isWordCharacter(text[i]!)) i++;
  while (i < text.length && isWordCharacter(text[i]!)) i++;
  return i;
}

/** Ctrl-W deletes back to the previous space, as in a shell (a path or an id goes in one press). */
function spaceStart(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && text[i - 1] === ' ') i--;
  while (i > 0 && text[i - 1] !== ' ') i--;
  return i;
}

function remove(line: Line, from: number, to: number): Line {
  return { text: line.text.slice(0, from) + line.text.slice(to), cursor: from };
}

/** Types printable text at the cursor. */
export function insert(line: Line, text: string): Line {
  return { text: line.text.slice(0, line.cursor) + text + line.text.slice(line.cursor), cursor: line.cursor + text.length };
}

/**
 * The line after an editing key, readline style, or undefined when the key is not an edit (Enter, Esc, Tab,
 * arrows up and down, Ctrl-C: the field's owner decides). Printable keys insert their text; other control
 * keys change nothing, so they can never end up in the text.
 */
export function edit(line: Line, key: KeyPress): Line | undefined {
  const { text, cursor } = line;
  const at = (position: number): Line => ({ text, cursor: position });
  const wordMove = key.meta || key.ctrl;
  if (key.text) return insert(line, key.text);
  // Shift with an arrow is the owner's (the console scrolls its result's columns with it).
  if (key.shift && (key.name === 'left' || key.name === 'right')) return undefined;
  switch (key.name) {
    case 'left':
      return at(wordMove ? wordStart(text, cursor) : previousStop(text, cursor));
    case 'right':
      return at(wordMove ? wordEnd(text, cursor) : nextStop(text, cursor));
    case 'home':
      return at(0);
    case 'end':
      return at(text.length);
    case 'backspace':
      return key.meta ? remove(line, wordStart(text, cursor), cursor) : remove(line, previousStop(text, cursor), cursor);
    case 'delete':
      return remove(line, cursor, nextStop(text, cursor));
  }
  if (key.ctrl) {
    switch (key.name) {
      case 'a':
        return at(0);
      case 'e':
        return at(text.length);
      case 'b':
        return at(previousStop(text, cursor));
      case 'f':
        return at(nextStop(text, cursor));
      case 'd':
        return remove(line, cursor, nextStop(text, cursor));
      case 'u':
        return remove(line, 0, cursor);
      case 'k':
        return remove(line, cursor, text.length);
      case 'w':
        return remove(line, spaceStart(text, cursor), cursor);
    }
  }
  if (key.meta) {
    switch (key.name) {
      case 'b':
        return at(wordStart(text, cursor));
      case 'f':
        return at(wordEnd(text, cursor));
      case 'd':
        return remove(line, cursor, wordEnd(text, cursor));
    }
  }
  const passedOn = ['return', 'escape', 'tab', 'up', 'down', 'pageup', 'pagedown'];
  if (passedOn.includes(key.name) || (key.ctrl && key.name === 'c')) return undefined;
  return line;
}
