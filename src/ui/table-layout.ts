import { visible, widthOf, type Align } from './text-width.js';

/**
 * How far a column may shrink when the terminal is narrow. `text` (an event name) goes down to a few
 * characters; `id` keeps 8 characters and an ellipsis, enough to tell ids apart; `value` (a number, a time)
 * never cuts its values, only its header, and only once the text and ids are as narrow as they go.
 */
export type ColumnKind = 'text' | 'id' | 'value';

export interface ColumnSpec {
  header: string;
  kind?: ColumnKind;
  align?: Align;
  /** Takes the width left over (one column per table). */
  grow?: boolean;
  /** Stays in view when the table scrolls sideways: what names the row. */
  pinned?: boolean;
  /** Among columns of one kind, the lower shrinks first; by default the further right, the lower. */
  priority?: number;
  /**
   * Never narrower than its header: where the headers are all there is to tell columns apart (a query's
   * `context_app_version`, `context_device_id`), the table scrolls sideways rather than cut them alike.
   */
  wholeHeader?: boolean;
}

export interface TableLayout {
  /** The columns in view, left to right, with their widths. */
  shown: { index: number; width: number }[];
  /** Columns out of view on each side (the table scrolls sideways with left/right). */
  hiddenLeft: number;
  hiddenRight: number;
  /** How far the table can scroll: the largest useful first scrolled column. */
  maxScroll: number;
}

export const GAP = 2;
export const POINTER_WIDTH = 2;
/** Room for the " >" that says more columns lie to the right. */
const MORE_WIDTH = 2;

const ID_MIN = 9;
const TEXT_MIN = 8;
const HEADER_MIN = 6;

interface Measured {
  natural: number;
  min: number;
  kind: ColumnKind;
  priority: number;
}

function measure(spec: ColumnSpec, index: number, cells: readonly string[]): Measured {
  const kind = spec.kind ?? 'text';
  const values = Math.max(0, ...cells.map((c) => widthOf(visible(c))));
  const natural = Math.max(widthOf(spec.header), values);
  const min =
    kind === 'id' ? Math.min(natural, ID_MIN) : kind === 'value' ? Math.max(values, Math.min(widthOf(spec.header), HEADER_MIN)) : Math.min(natural, TEXT_MIN);
  return { natural, min: spec.wholeHeader ? Math.max(min, widthOf(spec.header)) : min, kind, priority: spec.priority ?? -index };
}

/**
 * Widths for `indexes` within `budget` columns, shrinking text and ids before values (whose headers are cut,
 * never their values) unless `keepHeaders`; undefined if they cannot fit.
 */
function fitColumns(
  indexes: readonly number[],
  measured: readonly Measured[],
  specs: readonly ColumnSpec[],
  budget: number,
  keepHeaders = false,
): number[] | undefined {
  const widths = indexes.map((i) => measured[i]!.natural);
  let over = widths.reduce((a, b) => a + b, 0) + GAP * (indexes.length - 1) - budget;
  const stages: (readonly ColumnKind[])[] = keepHeaders ? [['text', 'id']] : [['text', 'id'], ['value']];
  for (const stage of stages) {
    const order = indexes
      .map((index, at) => ({ at, m: measured[index]! }))
      .filter(({ m }) => stage.includes(m.kind))
      .sort((a, b) => a.m.priority - b.m.priority);
    for (const { at, m } of order) {
      if (over <= 0) break;
      const cut = Math.min(over, widths[at]! - m.min);
      widths[at] = widths[at]! - cut;
      over -= cut;
    }
  }
  if (over > 0) return undefined;
  const grow = indexes.findIndex((i) => specs[i]!.grow);
  if (grow >= 0) widths[grow] = widths[grow]! - over;
  return widths;
}

/**
 * Which columns a table shows in `width` columns, and how wide. All of them if they fit, shrinking text and
 * ids first, then cutting the headers of values; otherwise the pinned ones and as many others as fit whole
 * headers from `scroll` on (scrolling beats guessing at cut headers).
 */
export function layoutColumns(specs: readonly ColumnSpec[], cells: readonly (readonly string[])[], width: number, scroll: number): TableLayout {
  const measured = specs.map((spec, i) => measure(spec, i, cells.map((row) => row[i] ?? '')));
  const all = specs.map((_, i) => i);
  const whole = fitColumns(all, measured, specs, width - POINTER_WIDTH);
  if (whole) return { shown: all.map((index, at) => ({ index, width: whole[at]! })), hiddenLeft: 0, hiddenRight: 0, maxScroll: 0 };

  const pinned = all.filter((i) => specs[i]!.pinned);
  const movable = all.filter((i) => !specs[i]!.pinned);
  const budget = width - POINTER_WIDTH - MORE_WIDTH;
  const fitsFrom = (start: number, count: number) =>
    fitColumns([...pinned, ...movable.slice(start, start + count)].sort((a, b) => a - b), measured, specs, budget, true);
  let maxScroll = Math.max(0, movable.length - 1);
  while (maxScroll > 0 && fitsFrom(maxScroll - 1, movable.length)) maxScroll--;
  const start = Math.max(0, Math.min(scroll, maxScroll));
  let count = Math.min(1, movable.length);
  while (start + count < movable.length && fitsFrom(start, count + 1)) count++;
  const indexes = [...pinned, ...movable.slice(start, start + count)].sort((a, b) => a - b);
  // Even one column beside the pinned ones may not fit a very narrow terminal: it is then cut at the edge.
  const widths = fitsFrom(start, count) ?? indexes.map((i) => measured[i]!.min);
  return {
    shown: indexes.map((index, at) => ({ index, width: widths[at]! })),
    hiddenLeft: start,
    hiddenRight: movable.length - start - count,
    maxScroll,
  };
}
