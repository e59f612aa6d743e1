import type { Column, SortOrder } from './hooks/use-table.js';

type SortValue = string | number | null;

const valueOf = <R>(column: Column<R>, row: R): SortValue => (column.sortValue ? column.sortValue(row) : column.text(row));

/** Numbers as numbers, text as text; an empty value (null) goes last either way. */
function compare(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** The rows in the column's order; rows that tie keep their order. */
export function sortRows<R>(rows: readonly R[], column: Column<R>, descending: boolean): R[] {
  const keyed = rows.map((row, at) => ({ row, at, value: valueOf(column, row) }));
  keyed.sort((x, y) => {
    const byValue = x.value === null || y.value === null ? compare(x.value, y.value) : compare(x.value, y.value) * (descending ? -1 : 1);
    return byValue || x.at - y.at;
  });
  return keyed.map((k) => k.row);
}

/** Counts read best highest first; text and times in their natural order. */
export const descendingFirst = <R>(column: Column<R>) => column.kind === 'value' && column.align === 'right';

/** `s`: sort by the next column, in its usual direction; `S`: the same column the other way. */
export function nextSort<R>(sort: SortOrder, columns: readonly Column<R>[], action: 'sort' | 'reverse'): SortOrder {
  if (action === 'reverse') return { column: sort.column, descending: !sort.descending };
  const column = (sort.column + 1) % columns.length;
  return { column, descending: descendingFirst(columns[column]!) };
}

/** "sessions, highest first", "start, earliest first", "outcome, A to Z". */
export function sortLabel<R>(columns: readonly Column<R>[], sort: SortOrder): string {
  const column = columns[sort.column]!;
  const [up, down] = descendingFirst(column) ? ['lowest first', 'highest first'] : column.kind === 'value' ? ['earliest first', 'latest first'] : ['A to Z', 'Z to A'];
  return `${column.header}, ${sort.descending ? down : up}`;
}
