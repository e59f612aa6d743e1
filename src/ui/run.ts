import type { AppOptions } from './terminal-app.js';

export type { AppOptions };

/**
 * Opens the terminal app (see terminal-app.tsx), with React in production mode unless NODE_ENV says
 * otherwise. React's development build is slower and records a performance measure for every render, which
 * Node's performance timeline keeps: the heap grew by about 25 MB for every 300 key bursts in the browser.
 * The mode is chosen before React loads: CommonJS packages imported from an ES module run before that
 * module's own code, so it cannot be set from a module of the app's import graph.
 */
export async function runApp(options: AppOptions): Promise<number> {
  process.env.NODE_ENV ??= 'production';
  const { openTerminalApp } = await import('./terminal-app.js');
  return openTerminalApp(options);
}
