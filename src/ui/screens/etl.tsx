import { useEffect, useState } from 'react';
import { Box, Static, Text } from 'ink';
import type { LoadSummary, StepName } from '../../etl/events.js';
import { Confirm } from '../components/confirm.js';
import { LoadProgressView } from '../components/load-progress.js';
import { LoadSummaryView } from '../components/load-summary.js';
import { StepLine } from '../components/step-line.js';
import { StepProgressView } from '../components/step-progress.js';
import { useKeymap } from '../hooks/keymap.js';
import { initialPipelineView, usePipeline, type RunPipeline, type StepView } from '../hooks/use-pipeline.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTheme } from '../theme.js';

export interface EtlScreenProps {
  file: string;
  steps: readonly { name: StepName; title: string }[];
  run: RunPipeline<{ load: LoadSummary }>;
  /** Enter once the pipeline is over: to the browser. */
  onBrowse(): void;
  /** Once a stop the user asked for has taken effect: how the pipeline ended (its error, or its result). */
  onQuit(stopped?: { error?: Error; result?: { load: LoadSummary } }): void;
}

type StaticLine = { key: string; title: string } | { key: string; step: StepView };

/**
 * The pipeline as a list of steps. Finished steps are printed once, above (`<Static>`), and stay put; the
 * running step shows its progress below them, then the steps still to come.
 */
export function EtlScreen({ file, steps, run, onBrowse, onQuit }: EtlScreenProps) {
  const theme = useTheme();
  const { columns } = useTerminalSize();
  const pipeline = usePipeline(run, initialPipelineView(steps));
  const [confirming, setConfirming] = useState(false);
  const over = pipeline.result !== undefined || pipeline.error !== undefined;

  // A stop asked for by the user ends the app once the loader has committed its batch in flight.
  useEffect(() => {
    if (over && pipeline.stopping) onQuit({ error: pipeline.error, result: pipeline.result });
  }, [over, pipeline.stopping]);

  // Ctrl-C is the shell's "stop now": it stops at once; Q, a letter that may slip, asks first.
  useKeymap((action) => {
    if (over && (action === 'interrupt' || action === 'quit')) onQuit();
    else if (action === 'interrupt') pipeline.stop();
    else if (action === 'quit') setConfirming(true);
    else if (action === 'enter' && over) onBrowse();
  }, !confirming && !pipeline.stopping);

  const running = pipeline.view.steps.find((s) => s.status === 'running');

  const finished = pipeline.view.steps.filter((s) => s.status === 'done' || s.status === 'failed');
  const staticLines: StaticLine[] = [{ key: 'title', title: `Loading ${file}` }, ...finished.map((step) => ({ key: step.step, step }))];
  const live = pipeline.view.steps.filter((s) => s.status === 'running' || s.status === 'pending');

  return (
    <Box flexDirection="column">
      <Static items={staticLines}>
        {(line) =>
          'title' in line ? (
            <Text key={line.key} bold color={theme.accent}>
              {line.title}
            </Text>
          ) : (
            <StepLine key={line.key} step={line.step} width={columns} />
          )
        }
      </Static>
      {live.map((step) => (
        <Box key={step.step} flexDirection="column">
          <StepLine step={step} width={columns} />
          {step.status === 'running' && step.step === 'load' && pipeline.view.progress ? (
            <LoadProgressView progress={pipeline.view.progress} width={columns - 4} />
          ) : null}
          {step.status === 'running' && step.progress ? <StepProgressView progress={step.progress} width={columns - 4} /> : null}
        </Box>
      ))}
      <Box marginTop={1} flexDirection="column">
        {pipeline.result ? <LoadSummaryView summary={pipeline.result.load} width={columns} /> : null}
        {pipeline.error ? (
          <Text color={theme.error}>
            {pipeline.stopping ? 'Stopped: ' : 'Error: '}
            {pipeline.error.message}
          </Text>
        ) : null}
        {pipeline.stopping && !over ? (
          <Text color={theme.warning}>
            {running?.step === 'load'
              ? 'Stopping: the batch in flight is being committed, then the app quits...'
              : `Stopping: "${running?.title ?? 'the next step'}" is being cancelled on the server, then the app quits...`}
          </Text>
        ) : null}
        {confirming ? (
          <Confirm
            question="Stop the load and quit? What is committed stays; load the same file again to finish it."
            onAnswer={(yes) => {
              setConfirming(false);
              if (yes) pipeline.stop();
            }}
          />
        ) : null}
        {over && !pipeline.stopping ? (
          <Text color={theme.muted}>
            {pipeline.result ? 'Enter: browse users and sessions   Q: quit' : 'Enter: browse what is loaded   Q: quit'}
          </Text>
        ) : null}
        {!over && !confirming && !pipeline.stopping ? <Text color={theme.muted}>Ctrl-C: stop and quit (what is committed stays)</Text> : null}
      </Box>
    </Box>
  );
}
