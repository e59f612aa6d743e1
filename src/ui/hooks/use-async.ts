import { useCallback, useEffect, useState, type DependencyList } from 'react';

export interface AsyncState<T> {
  loading: boolean;
  /** The latest answer; kept while the next one loads, so a page turn does not blank the screen. */
  value?: T;
  error?: Error;
  reload(): void;
}

/**
 * Runs `load` when `deps` change and keeps only the latest answer: a slow query that finishes after the
 * user has moved on never overwrites what the screen now shows.
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<{ loading: boolean; value?: T; error?: Error }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ loading: true, value: previous.value }));
    load().then(
      (value) => {
        if (current) setState({ loading: false, value });
      },
      (error: unknown) => {
        if (current) setState({ loading: false, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => {
      current = false;
    };
    // The caller lists what `load` depends on, as with useEffect.
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
