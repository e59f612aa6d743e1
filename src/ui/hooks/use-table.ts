import { useEffect, useState, type ReactNode } from 'react';
import { layoutColumns, type ColumnSpec, type TableLayout } from '../table-layout.js';
import { useTheme } from '../theme.js';

export interface Column<R> extends ColumnSpec {
  text(row: R): string;
  /** Draws the cell when plain text is not enough (an outcome in its colour); gets the fitted text. */
  cell?(row: R, fitted: string): ReactNode;
  /** What the column sorts by, when not its text (a number, a duration in seconds). */
  sortValue?(row: R): string | number | null;
}

/** The column a list is sorted by (its index in the columns) and the direction. */
export interface SortOrder {
  column: number;
  descending: boolean;
}

export interface Table<R> {
  columns: readonly Column<R>[];
  /** The sorted column and the mark of its direction after its header. */
  sorted?: { column: number; mark: string };
  /** Each row's cells as text, in column order. */
  cells: readonly (readonly string[])[];
  layout: TableLayout;
  /** left/right: scroll the columns that do not fit into view. */
  scroll(step: -1 | 1): void;
}

/**
 * A table's columns laid out for the terminal's width, from the rows on screen, and scrolled sideways
 * as far as the user asked (never past the last column).
 */
export function useTable<R>(columns: readonly Column<R>[], rows: readonly R[], width: number, sort?: SortOrder): Table<R> {
  const theme = useTheme();
  const [scrolled, setScrolled] = useState(0);
  const sorted = sort && { column: sort.column, mark: sort.descending ? theme.sortDown : theme.sortUp };
  const cells = rows.map((row) => columns.map((c) => c.text(row)));
  const layout = layoutColumns(
    // The sorted column is the one being read: it keeps its header longest.
    columns.map((c, i) => (i === sorted?.column ? { ...c, header: `${c.header} ${sorted.mark}`, priority: columns.length } : c)),
    cells,
    width,
    scrolled,
  );
  // A new sort brings its column into view, with its arrow, when it lies off screen.
  useEffect(() => {
    if (!sorted || columns[sorted.column]?.pinned || layout.shown.some((c) => c.index === sorted.column)) return;
    const movable = columns.slice(0, sorted.column).filter((c) => !c.pinned).length;
    setScrolled(Math.min(layout.maxScroll, movable));
  }, [sort?.column, sort?.descending]);
  return {
    columns,
    sorted,
    cells,
    layout,
    scroll: (step) => setScrolled(Math.max(0, Math.min(layout.maxScroll, layout.hiddenLeft + step))),
  };
}
