import { useState } from 'react';
import { exportRows, parseExportFormat } from '../export.js';
import { useClipboard } from './use-clipboard.js';
import { formatCount, rowsLabel } from '../../format/values.js';
import { sortLabel, sortRows, nextSort } from '../sorting.js';
import { fieldLines, type Field } from '../components/record-view.js';
import type { Action } from './keymap.js';
import { useDetails } from './use-details.js';
import { useBrowser } from './use-browser.js';
import { isMovement, useListCursor } from './use-list-cursor.js';
import { useLiveFilter } from './use-live-filter.js';
import { useTable, type Column, type SortOrder } from './use-table.js';

/** The rows a list shows for a filter and a sort, when that is more than filtering and sorting them. */
export type Arrange<R> = (rows: readonly R[], filter: string, sort: SortOrder) => readonly R[];

export interface LocalListOptions<R> {
  /** The whole list (a user's sessions, a device's events): small enough to hold, filter and sort here. */
  rows: readonly R[];
  columns: readonly Column<R>[];
  visible: number;
  width: number;
  /** The text `/` matches, ignoring case. */
  searchText(row: R): string;
  arrange?: Arrange<R>;
  /** The rows `n` and `N` go to; every row shown, unless some are only there for context. */
  isMatch?(row: R): boolean;
  initialSort: SortOrder;
  /** The row the cursor starts on, in `rows`. */
  start?: number;
  /** For messages and the export file name: "sessions", "events". */
  what: string;
  exportDir: string;
  /** What an export writes for the rows shown, when it is not the rows themselves. */
  exported?(rows: readonly R[]): readonly object[];
  /** Every field of a row, for the detail pane. */
  fieldsOf(row: R): Field[];
  /** What `y` copies of a row (its id), if anything. */
  copyOf?(row: R): string | undefined;
  onEnter?(row: R): void;
  onBack(): void;
}

function filterAndSort<R>(searchText: (row: R) => string, columns: readonly Column<R>[]): Arrange<R> {
  return (rows, filter, sort) => {
    const needle = filter.toLowerCase();
    const kept = needle ? rows.filter((row) => searchText(row).toLowerCase().includes(needle)) : rows;
    return sortRows(kept, columns[sort.column]!, sort.descending);
  };
}

/**
 * The keys every in-memory list shares: moving; `/` filtering as you type, with `n`/`N` to the next and
 * previous match; `s`/`S` sorting by any column either way; `d` for all the fields of a row; left/right for
 * columns that do not fit; `e` exporting what is shown. Esc clears the filter before it goes back.
 */
export function useLocalList<R extends object>(options: LocalListOptions<R>) {
  const { rows, columns, visible, width, searchText, start, what, exportDir, exported = (r) => r, fieldsOf, onEnter, onBack } = options;
  const { arrange = filterAndSort(searchText, columns), isMatch = () => true } = options;
  const browser = useBrowser();
  const copy = useClipboard();
  const live = useLiveFilter(`Show ${what} containing:`);
  const [sort, setSort] = useState(options.initialSort);
  const shown = arrange(rows, live.filter, sort);
  const arranged = live.filter !== '' || sort !== options.initialSort;
  const startRow = !arranged && start !== undefined ? shown.indexOf(rows[start]!) : 0;
  const cursor = useListCursor(shown.length, visible, Math.max(0, startRow));
  const { top, cursor: at } = cursor.window;
  // Another filter or order is another list: it is read from its first row.
  const [arrangedBy, setArrangedBy] = useState({ filter: live.filter, sort });
  if (arrangedBy.filter !== live.filter || arrangedBy.sort !== sort) {
    setArrangedBy({ filter: live.filter, sort });
    cursor.moveTo(0);
  }
  const page = shown.slice(top, top + visible);
  const table = useTable(columns, page, width, sort);
  const current = shown[at];
  const fields = current && fieldsOf(current);
  // The pane takes the table's place: its header line and its rows.
  const details = useDetails(fields, fieldLines(visible + 1));

  const exportShown = (typed: string) => {
    try {
      const written = exported(shown);
      const file = exportRows(written, what, parseExportFormat(typed), exportDir);
      browser.say(`Exported ${formatCount(written.length)} ${what} to ${file}`);
    } catch (error) {
      browser.say((error as Error).message, { isError: true });
    }
  };

  const goToMatch = (step: 1 | -1) => {
    for (let i = 1; i <= shown.length; i++) {
      const index = (at + step * i + shown.length) % shown.length;
      if (isMatch(shown[index]!)) return cursor.moveTo(index);
    }
  };

  const handle = (action: Action) => {
    if (details.open && (action === 'pageUp' || action === 'pageDown')) details.scroll(action === 'pageUp' ? -1 : 1);
    else if (isMovement(action)) cursor.move(action);
    else if (action === 'left' || action === 'right') table.scroll(action === 'left' ? -1 : 1);
    else if (action === 'enter' && !details.open && onEnter) {
      if (current) onEnter(current);
    } else if (action === 'details' || action === 'enter') details.toggle();
    else if (action === 'filter') live.open();
    else if (action === 'nextMatch' || action === 'previousMatch') goToMatch(action === 'nextMatch' ? 1 : -1);
    else if (action === 'sort' || action === 'reverse') setSort(nextSort(sort, columns, action));
    else if (action === 'export') browser.ask({ label: `Export the ${what} to (csv/json):`, placeholder: 'csv', onSubmit: exportShown });
    else if (action === 'copy') {
      const text = current && options.copyOf?.(current);
      if (text) {
        copy(text);
        browser.say(`Copied ${text} to the clipboard (through the terminal: it must allow OSC 52).`);
      }
    }
    else if (action === 'back') {
      if (details.open) details.close();
      else if (live.filter) live.clear();
      else onBack();
    }
  };

  const status = [
    rowsLabel(top, visible, shown.length),
    `sort: ${sortLabel(columns, sort)}`,
    ...(live.filter ? [`containing "${live.filter}" (Esc clears)`] : []),
  ].join('  ');
  return { shown, page, selected: at - top, current, fields, details, table, status, handle };
}
