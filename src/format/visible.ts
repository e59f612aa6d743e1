/**
 * Text from the data as a terminal may show it: nothing in it can act on the terminal (move the cursor, recolour,
 * retitle, clear, split a line) or reorder what is drawn around it. C0 controls and DEL read in caret notation
 * (ESC is `^[`, CR `^M`), as terminals and `cat -v` show them; C1 controls, bidirectional controls and the line and
 * paragraph separators read as `<U+XXXX>`. Every other character, the zero-width joiner of an emoji included, is
 * kept. Used by every text the app and the commands draw; CSV and JSON keep the data exact instead.
 */
const UNSAFE = /[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}]/gu;

export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return `^${String.fromCharCode(code ^ 0x40)}`;
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}
