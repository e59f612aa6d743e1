import { useEffect, useState } from 'react';

export interface KeysetPage<R, C> {
  rows: R[];
  total: number;
  /** Where the following page starts; null after the last one. */
  next: C | null;
}

export type FetchPage<R, C> = (after: C | undefined, limit: number) => Promise<KeysetPage<R, C>>;

export interface KeysetList<R> {
  /** Rows loaded so far, from the first one on. */
  rows: readonly R[];
  /** Rows the list has in all, as the database counts them; undefined before the first page. */
  total?: number;
  loading: boolean;
  error?: Error;
}

interface State<R, C> {
  rows: R[];
  total?: number;
  next: C | null | undefined;
  loading: boolean;
  error?: Error;
}

/** No single query asks for more than this, so a jump to the end of a long list loads in steps. */
const MAX_CHUNK = 5000;

/**
 * A list read page by page with keyset pagination, as far as the screen needs it: rows up to `wanted`
 * (an index) are fetched, a chunk at a time, and kept. Another filter or sort is another list: the caller
 * keys the component by them, so the list starts over with its cursor.
 */
export function useKeysetList<R, C>(fetchPage: FetchPage<R, C>, wanted: number, chunk: number): KeysetList<R> {
  const [state, setState] = useState<State<R, C>>({ rows: [], next: undefined, loading: true });

  const exhausted = state.next === null;
  const needMore = !exhausted && !state.error && (state.next === undefined || state.rows.length <= wanted);
  useEffect(() => {
    if (!needMore) return;
    let current = true;
    const limit = Math.min(MAX_CHUNK, Math.max(chunk, wanted - state.rows.length + 1));
    setState((s) => ({ ...s, loading: true }));
    fetchPage(state.next ?? undefined, limit).then(
      (page) => {
        if (!current) return;
        setState((s) => ({ rows: [...s.rows, ...page.rows], total: page.total, next: page.next, loading: false }));
      },
      (error: unknown) => {
        if (current) setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error : new Error(String(error)) }));
      },
    );
    return () => {
      current = false;
    };
  }, [needMore, state.rows.length]);

  return { rows: state.rows, total: state.total, loading: state.loading || needMore, error: state.error };
}
