import { useState } from 'react';
import { exportRows, parseExportFormat } from '../export.js';
import { formatCount, rowsLabel } from '../navigation.js';
import { useBrowser } from './use-browser.js';
import type { Action } from './keymap.js';
import { isMovement, useListCursor } from './use-list-cursor.js';

export interface LocalListOptions<R> {
  /** The whole list (a user's sessions, a device's events): small enough to hold and filter here. */
  rows: readonly R[];
  visible: number;
  /** The text `/` filters on, lower-cased by the caller or not: the match ignores case. */
  searchText(row: R): string;
  /** The row the cursor starts on. */
  start?: number;
  /** For the export file name: "sessions", "events". */
  what: string;
  exportDir: string;
  /** What an export writes for the rows shown, when it is not the rows themselves. */
  exported?(rows: readonly R[]): readonly object[];
  onEnter?(row: R): void;
  onBack(): void;
}

/**
 * The keys every in-memory list shares: moving, `/` filtering (Esc clears it before it goes back), and `e`
 * exporting what the filter shows.
 */
export function useLocalList<R extends object>(options: LocalListOptions<R>) {
  const { rows, visible, searchText, start, what, exportDir, exported = (r) => r, onEnter, onBack } = options;
  const browser = useBrowser();
  const [filter, setFilter] = useState('');
  const needle = filter.toLowerCase();
  const shown = needle ? rows.filter((row) => searchText(row).toLowerCase().includes(needle)) : rows;
  const cursor = useListCursor(shown.length, visible, needle ? 0 : (start ?? 0));

  const exportShown = (typed: string) => {
    try {
      const written = exported(shown);
      const file = exportRows(written, what, parseExportFormat(typed), exportDir);
      browser.say(`Exported ${formatCount(written.length)} ${what} to ${file}`);
    } catch (error) {
      browser.say((error as Error).message, { isError: true });
    }
  };

  const handle = (action: Action) => {
    if (isMovement(action)) cursor.move(action);
    else if (action === 'enter') {
      const row = shown[cursor.window.cursor];
      if (row && onEnter) onEnter(row);
    } else if (action === 'filter') {
      browser.ask({ label: `Show ${what} containing:`, defaultValue: filter, onSubmit: (text) => setFilter(text.trim()) });
    }
    else if (action === 'export') browser.ask({ label: `Export the ${what} to (csv/json):`, placeholder: 'csv', onSubmit: exportShown });
    else if (action === 'back') {
      if (filter) setFilter('');
      else onBack();
    }
  };

  const { top, cursor: at } = cursor.window;
  return {
    shown,
    page: shown.slice(top, top + visible),
    selected: at - top,
    cursor: at,
    status: `${rowsLabel(top, visible, shown.length)}${filter ? `  containing "${filter}" (Esc clears)` : ''}`,
    handle,
  };
}
