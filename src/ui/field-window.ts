import { graphemes, headOfWidth, tailOfWidth, widthOf } from './text-width.js';

/** What a one-line field shows of its text: the part before the cursor, the cell under it, and the part after. */
export interface FieldWindow {
  before: string;
  /** The character under the cursor, or a space at the end of the text. */
  under: string;
  after: string;
}

/**
 * The slice of a text that fits in `width` columns with the cursor in view. A text longer than the field (a
 * 3 KB id, a long path) scrolls sideways, as in a shell; a cut end shows `ellipsis`, so nothing looks whole
 * that is not.
 */
export function fieldWindow(text: string, cursor: number, width: number, ellipsis: string): FieldWindow {
  const rest = text.slice(cursor);
  const under = graphemes(rest)[0] ?? ' ';
  const after = rest.slice(under === ' ' && rest === '' ? 0 : under.length);
  let before = text.slice(0, cursor);
  const room = Math.max(0, width - widthOf(under));
  if (widthOf(before) + widthOf(after) <= room) return { before, under, after };
  const mark = widthOf(ellipsis);
  const markAfter = after === '' ? 0 : mark;
  if (widthOf(before) > room - markAfter) before = ellipsis + tailOfWidth(before, Math.max(0, room - mark - markAfter));
  const left = room - widthOf(before);
  const shownAfter = widthOf(after) <= left ? after : headOfWidth(after, Math.max(0, left - mark)) + ellipsis;
  return { before, under, after: widthOf(shownAfter) <= left ? shownAfter : '' };
}
