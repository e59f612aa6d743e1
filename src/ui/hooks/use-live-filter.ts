import { useState } from 'react';
import { useBrowser } from './use-browser.js';

/**
 * A `/` filter that applies as it is typed. Enter keeps it; Esc in the prompt puts back the filter there was
 * before, and `clear` (Esc on the list) drops it.
 */
export function useLiveFilter(label: string) {
  const browser = useBrowser();
  const [filter, setFilter] = useState('');
  const apply = (typed: string) => setFilter(typed.trim());
  return {
    filter,
    open() {
      const before = filter;
      browser.ask({ label, defaultValue: filter, onChange: apply, onSubmit: apply, onCancel: () => setFilter(before) });
    },
    clear: () => setFilter(''),
  };
}
