import readline from 'node:readline';
import { PassThrough } from 'node:stream';

/** One key press, whatever the terminal sent it in: a key alone, a burst of keys, or a paste. */
export interface KeyPress {
  /** Node's name for the key: 'a', 'return', 'backspace', 'up', 'home'...; '' for a character without one (é, 😀). */
  name: string;
  /** The character to insert for a printable key; '' for every other key (arrows, Enter, control chords). */
  text: string;
  ctrl: boolean;
  /** Alt (or Esc before the key). */
  meta: boolean;
  shift: boolean;
}

const ESCAPE = '\u001B';

// C0 and C1 controls, DEL, and lone surrogates: never text, whatever arrives.
const NOT_TEXT = /[\p{Cc}\p{Cs}]/u;

const escapeKey: KeyPress = { name: 'escape', text: '', ctrl: false, meta: false, shift: false };

/**
 * The key presses in one read from the terminal, in order. Ink hands over what the terminal sent with its
 * escape sequences split out, but a run of plain characters (a held key, a paste, a burst of Backspaces)
 * arrives as one string; Node's keypress decoder splits it into keys. A lone Esc is Ink's flush of a
 * bare escape: the decoder would wait for a sequence to follow it, so it is the Esc key here.
 */
export function keyPresses(read: string): KeyPress[] {
  if (read !== '' && [...read].every((c) => c === ESCAPE)) return [...read].map(() => escapeKey);
  const source = new PassThrough();
  readline.emitKeypressEvents(source);
  const presses: KeyPress[] = [];
  source.on('keypress', (sequence: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean; shift?: boolean } | undefined) => {
    const name = key?.name ?? '';
    // A line feed right after a carriage return is the second half of one Enter (CRLF from a paste).
    if (name === 'enter' && presses.at(-1)?.name === 'return') return;
    const ctrl = key?.ctrl ?? false;
    const meta = key?.meta ?? false;
    const printable = sequence !== undefined && !ctrl && !meta && !NOT_TEXT.test(sequence);
    presses.push({ name: name === 'enter' ? 'return' : name, text: printable ? sequence : '', ctrl, meta, shift: key?.shift ?? false });
  });
  source.emit('data', read);
  return presses;
}
