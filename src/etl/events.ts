/** What the ETL reports while it runs: the TUI draws it, the CLI prints it. */

export type StepName = 'schema' | 'load' | 'post-load' | 'sessions';

export interface LoadCounts {
  /** Data rows read from the file (blank lines are not rows). */
  read: number;
  inserted: number;
  duplicates: number;
  rejected: number;
}

export interface LoadProgress extends LoadCounts {
  bytesRead: number;
  /** Size of the file on disk (compressed size for .gz: bytesRead counts the same bytes). */
  totalBytes: number;
  elapsedMs: number;
  /**
   * A resumed run: where it passed the lines committed before. Rates and the ETA count only what this run loads,
   * not the fast skip over what was already in.
   */
  resumedAt?: { read: number; bytesRead: number; elapsedMs: number };
  /** A resumed run still reading past the lines committed before: `read` and the counts are theirs. */
  skippingCommitted?: true;
}

export interface LoadSummary extends LoadCounts {
  runId: number;
  file: string;
  /** Path of the rejects file, or null when nothing was rejected. */
  rejectsFile: string | null;
  elapsedMs: number;
  /** Set when this run picked up an interrupted run of the same file. */
  resumedRunId: number | null;
  /** Something that went wrong after the rows were committed (the rejects file could not be written). */
  warning?: string;
}

/** What a step other than the load is doing now, and how far it is when that can be known. */
export interface StepProgress {
  /** "building the session index", "rebuilding sessions" */
  activity: string;
  done?: number;
  total?: number;
  /** What `done` and `total` count: "keys", "blocks". */
  unit?: string;
}

export type PipelineEvent =
  | { type: 'step-start'; step: StepName; title: string }
  | { type: 'load-progress'; progress: LoadProgress }
  | { type: 'step-progress'; step: StepName; progress: StepProgress }
  | { type: 'step-done'; step: StepName; elapsedMs: number; detail: string }
  | { type: 'step-failed'; step: StepName; elapsedMs: number; error: string };
