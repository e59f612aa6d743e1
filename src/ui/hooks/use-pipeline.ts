import { useEffect, useRef, useState } from 'react';
import type { LoadProgress, PipelineEvent, StepName, StepProgress } from '../../etl/events.js';

export type StepStatus = 'pending' | 'running' | 'done' | 'failed';

export interface StepView {
  step: StepName;
  title: string;
  status: StepStatus;
  elapsedMs?: number;
  /** The step's one-line result, or its error. */
  detail?: string;
  /** While it runs: what it is doing, and how far it is. */
  progress?: StepProgress;
  /** When it started (ms since the epoch), so a running step can show its time as it goes. */
  startedAt?: number;
}

export interface PipelineView {
  steps: readonly StepView[];
  /** The latest numbers of the load step. */
  progress?: LoadProgress;
}

export function initialPipelineView(steps: readonly { name: StepName; title: string }[]): PipelineView {
  return { steps: steps.map(({ name, title }) => ({ step: name, title, status: 'pending' })) };
}

/** The step list after one more event from the pipeline, which arrived at `now`. */
export function applyEvent(view: PipelineView, event: PipelineEvent, now = Date.now()): PipelineView {
  if (event.type === 'load-progress') return { ...view, progress: event.progress };
  const update = (patch: Partial<StepView>) => ({
    ...view,
    steps: view.steps.map((s) => (s.step === event.step ? { ...s, ...patch } : s)),
  });
  // A finished step keeps its result, not what it was doing.
  const finish = (patch: Partial<StepView>) => ({
    ...view,
    steps: view.steps.map((s) => {
      if (s.step !== event.step) return s;
      const { progress: _doing, startedAt: _started, ...rest } = s;
      return { ...rest, ...patch };
    }),
  });
  switch (event.type) {
    case 'step-progress':
      return update({ progress: event.progress });
    case 'step-start':
      return update({ title: event.title, status: 'running', startedAt: now });
    case 'step-done':
      return finish({ status: 'done', elapsedMs: event.elapsedMs, detail: event.detail });
    case 'step-failed':
      return finish({ status: 'failed', elapsedMs: event.elapsedMs, detail: event.error });
  }
}

export type RunPipeline<R> = (options: { signal: AbortSignal; onEvent(event: PipelineEvent): void }) => Promise<R>;

export interface PipelineRun<R> {
  view: PipelineView;
  result?: R;
  error?: Error;
  /** Asks the pipeline to stop; the loader finishes the batch in flight, so nothing is left half-written. */
  stop(): void;
  stopping: boolean;
}

/** Starts the pipeline once, on mount, and follows its events. */
export function usePipeline<R>(run: RunPipeline<R>, initial: PipelineView): PipelineRun<R> {
  const [view, setView] = useState(initial);
  const [outcome, setOutcome] = useState<{ result?: R; error?: Error }>({});
  const [stopping, setStopping] = useState(false);
  const controller = useRef(new AbortController());
  useEffect(() => {
    const signal = controller.current.signal;
    run({ signal, onEvent: (event) => setView((v) => applyEvent(v, event)) }).then(
      (result) => setOutcome({ result }),
      (error: unknown) => setOutcome({ error: error instanceof Error ? error : new Error(String(error)) }),
    );
    // Started once: the pipeline is not restarted by a re-render.
  }, []);
  const stop = () => {
    setStopping(true);
    controller.current.abort();
  };
  return { view, ...outcome, stop, stopping };
}
