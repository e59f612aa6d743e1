import type { PipelineEvent } from '../etl/events.js';
import { countsLine, formatDuration, progressLine } from './values.js';
import { visible } from './visible.js';

export interface PlainReporterOptions {
  /** Receives one finished line at a time (no trailing newline). */
  write(line: string): void;
  /** Minimum time between two status lines of a running load. */
  intervalMs?: number;
  now?: () => number;
}

/**
 * The ETL's progress for a log or a pipe (stdout not a terminal, or CI): one line per step start and end,
 * and a status line at most every `intervalMs` while rows load.
 */
export function plainReporter({ write: writeRaw, intervalMs = 2000, now = Date.now }: PlainReporterOptions): (event: PipelineEvent) => void {
  // a file name or a server's message may hold control characters: none reaches a terminal raw
  const write = (line: string) => writeRaw(visible(line));
  let lastStatus = -Infinity;
  return (event) => {
    switch (event.type) {
      case 'step-start':
        lastStatus = now();
        write(`${event.step}: ${event.title}`);
        return;
      case 'load-progress': {
        const time = now();
        if (time - lastStatus < intervalMs) return;
        lastStatus = time;
        write(`load: ${progressLine(event.progress)}; ${countsLine(event.progress)}`);
        return;
      }
      case 'step-done':
        write(`${event.step}: done in ${formatDuration(event.elapsedMs)}${event.detail ? ` (${event.detail})` : ''}`);
        return;
      case 'step-failed':
        write(`${event.step}: failed after ${formatDuration(event.elapsedMs)}: ${event.error}`);
        return;
    }
  };
}
