import stringWidth from 'string-width';
import { visible } from '../format/visible.js';

export { visible };

/**
 * Text measured as the terminal draws it: in columns, not UTF-16 units. A CJK character or an emoji takes
 * two columns, a combining accent none, and a grapheme (e.g. a flag) is never cut in half.
 */

const segmenter = new Intl.Segmenter();

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

export function widthOf(text: string): number {
  return stringWidth(text);
}

export type Align = 'left' | 'right';

/** The longest start of `text` that takes at most `width` columns. */
export function headOfWidth(text: string, width: number): string {
  let head = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = stringWidth(g);
    if (used + w > width) break;
    head += g;
    used += w;
  }
  return head;
}

/** The longest end of `text` that takes at most `width` columns. */
export function tailOfWidth(text: string, width: number): string {
  let tail = '';
  let used = 0;
  for (const g of graphemes(text).reverse()) {
    const w = stringWidth(g);
    if (used + w > width) break;
    tail = g + tail;
    used += w;
  }
  return tail;
}

/**
 * Exactly `width` columns: padded, or cut with `ellipsis` so a cut value never passes for a whole one.
 * Control characters are shown as caret notation first.
 */
export function fit(text: string, width: number, align: Align = 'left', ellipsis = '\u2026'): string {
  if (width <= 0) return '';
  const shown = visible(text);
  const cut = stringWidth(shown) > width ? headOfWidth(shown, width - stringWidth(ellipsis)).trimEnd() + ellipsis : shown;
  const fitted = stringWidth(cut) > width ? headOfWidth(ellipsis, width) : cut;
  const padding = ' '.repeat(Math.max(0, width - stringWidth(fitted)));
  return align === 'right' ? padding + fitted : fitted + padding;
}
