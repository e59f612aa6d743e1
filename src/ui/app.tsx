import { useEffect, useRef, useState } from 'react';
import { useApp, useStdout } from 'ink';
import type { DatabaseTarget } from '../config/target.js';
import type { Database } from '../db/database.js';
import { UserError } from '../errors.js';
import type { LoadCounts, LoadSummary, StepName } from '../etl/events.js';
import { PIPELINE, PipelineStopped, runPipeline } from '../etl/pipeline.js';
import { formatCount } from '../format/values.js';
import { unfinishedLoad, type UnfinishedLoad } from '../etl/ledger.js';
import { LoadInterrupted } from '../etl/load.js';
import { buildSessions } from '../sessions/build.js';
import { fullBuildRequested } from '../sessions/settings.js';
import { Waiting } from './components/waiting.js';
import { requireEvents, requireSessions } from '../sessions/queries.js';
import { Spinner } from '@inkjs/ui';
import { StaticReset } from './components/static-reset.js';
import { useKeys } from './hooks/use-keys.js';
import { Browser } from './screens/browser.js';
import { ConnectionCheck } from './screens/connection-check.js';
import { EtlScreen } from './screens/etl.js';
import { LoadOffer } from './screens/load-offer.js';
import { Setup } from './screens/setup.js';
import { useTheme } from './theme.js';

/** What the app says once the terminal is back (a stopped load says where it stopped), and its exit code. */
export interface Farewell {
  message: string;
  exitCode: number;
}

const committed = (counts: LoadCounts) =>
  `${formatCount(counts.read)} rows read = ${formatCount(counts.inserted)} new + ${formatCount(counts.duplicates)} duplicates + ` +
  `${formatCount(counts.rejected)} rejected`;

/**
 * What the app prints after a stop the user asked for: what is committed (the ledger's figures) and how to
 * finish. A stop that came too late to stop anything says the load finished.
 */
export function farewellAfterStop(file: string, { error, result }: { error?: Error; result?: { load: LoadSummary } }): Farewell {
  if (result) return { message: `The load of ${file} had finished before the stop: ${committed(result.load)}; the sessions are built.`, exitCode: 0 };
  if (error instanceof LoadInterrupted && !error.stream) {
    const done = error.counts ? `: ${committed(error.counts)}, committed` : '';
    return {
      message: `Load of ${file} stopped after line ${formatCount(error.line)}${done}. To finish it, start the app again and choose "Finish loading", or run: session-explorer load ${file}`,
      exitCode: 130,
    };
  }
  if (error instanceof PipelineStopped && error.load) {
    return {
      message: `The load of ${file} had finished: ${committed(error.load)}, committed. Stopped at "${titleOf(error.step)}": the sessions are not up to date; run session-explorer rebuild to build them.`,
      exitCode: 130,
    };
  }
  return { message: error?.message ?? 'Stopped.', exitCode: error instanceof UserError ? error.exitCode : 1 };
}

const titleOf = (step: StepName) => PIPELINE.find((s) => s.name === step)?.title ?? step;

/** Where the app begins: the setup wizard, or the database a profile, --db or DATABASE_URL names. */
export type AppStart = { kind: 'setup' } | { kind: 'open'; target: DatabaseTarget; create: boolean };

export interface AppProps {
  start: AppStart;
  configFile: string;
  /** Where the setup puts an embedded database. */
  dataDir: string;
  sampleFile: string;
  exportDir: string;
  env?: NodeJS.ProcessEnv;
  /** Told of every database the app opens, so the caller can close it however the app ends. */
  onDatabase(db: Database): void;
}

type Phase =
  | AppStart
  | { kind: 'checking'; db: Database; notices: string[] }
  | { kind: 'offer'; db: Database; notices: string[]; contents: Contents; unfinished?: UnfinishedLoad }
  | { kind: 'building'; db: Database; startedAt: number }
  | { kind: 'etl'; db: Database; file: string }
  | { kind: 'browse'; db: Database };

// Erases the screen: the load's <Static> lines stay on the terminal otherwise, above the browser.
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/** What the database holds: sessions to browse, events whose load did not finish, or nothing. */
type Contents = 'sessions' | 'events' | 'empty';

async function contentsOf(db: Database): Promise<{ contents: Contents; unfinished?: UnfinishedLoad }> {
  const unfinished = await unfinishedLoad(db);
  return { contents: await loadedContents(db), ...(unfinished ? { unfinished } : {}) };
}

async function loadedContents(db: Database): Promise<Contents> {
  const passes = (check: (db: Database) => Promise<void>) =>
    check(db).then(
      () => true,
      (error: unknown) => (error instanceof UserError ? false : Promise.reject(error)),
    );
  // a build that was stopped leaves its request behind: the sessions there are not those of the events
  if (await passes(requireSessions)) return (await fullBuildRequested(db)) ? 'events' : 'sessions';
  return (await passes(requireEvents)) ? 'events' : 'empty';
}

/** The whole terminal app: setup, the load offer, the ETL screen and the browser, one after the other. */
export function App({ start, configFile, dataDir, sampleFile, exportDir, env = process.env, onDatabase }: AppProps) {
  const { exit } = useApp();
  const theme = useTheme();
  const { write } = useStdout();
  const [phase, setPhase] = useState<Phase>(start);
  const quit = () => exit();
  const quitStopped = (file: string, stopped?: { error?: Error; result?: { load: LoadSummary } }) => {
    exit(stopped ? farewellAfterStop(file, stopped) : undefined);
  };

  // Ctrl-C leaves from anywhere; the load and the browser have their own say (a load asks first).
  useKeys(
    (key) => {
      if (key.ctrl && key.name === 'c') quit();
    },
    phase.kind !== 'etl' && phase.kind !== 'browse',
    { textInBursts: true },
  );

  const opened = (db: Database, notices: string[] = []) => {
    onDatabase(db);
    setPhase({ kind: 'checking', db, notices });
  };

  useEffect(() => {
    if (phase.kind !== 'checking') return;
    const { db, notices } = phase;
    contentsOf(db).then(
      ({ contents, unfinished }) =>
        setPhase(
          contents === 'sessions' && notices.length === 0 && !unfinished
            ? { kind: 'browse', db }
            : { kind: 'offer', db, notices, contents, ...(unfinished ? { unfinished } : {}) },
        ),
      (error: Error) => exit(error),
    );
  }, [phase]);

  const building = useRef<AbortController>(undefined);
  // Browsing events whose sessions were never built: they are built first, and Esc goes back to the choice.
  useEffect(() => {
    if (phase.kind !== 'building') return;
    const { db } = phase;
    const controller = new AbortController();
    building.current = controller;
    buildSessions(db, { signal: controller.signal }).then(
      () => setPhase({ kind: 'browse', db }),
      (error: Error) => (controller.signal.aborted ? setPhase({ kind: 'checking', db, notices: [] }) : exit(error)),
    );
    return () => controller.abort();
  }, [phase]);
  useKeys((key) => {
    if (key.name === 'escape') building.current?.abort();
  }, phase.kind === 'building');

  const screen = (() => {
    switch (phase.kind) {
      case 'setup':
        return <Setup configFile={configFile} dataDir={dataDir} env={env} onDone={({ db, notices }) => opened(db, notices)} onQuit={quit} />;
      case 'open':
        return (
          <ConnectionCheck
            target={phase.target}
            create={phase.create}
            onConnected={(db) => opened(db)}
            onFix={() => setPhase({ kind: 'setup' })}
            onChooseAgain={() => setPhase({ kind: 'setup' })}
            onQuit={quit}
          />
        );
      case 'checking':
        return <Spinner type={theme.spinner} label="Looking at what the database holds..." />;
      case 'offer':
        return (
          <LoadOffer
            sampleFile={sampleFile}
            contents={phase.contents}
            {...(phase.unfinished ? { unfinished: phase.unfinished } : {})}
            notices={phase.notices}
            onLoad={(file) => setPhase({ kind: 'etl', db: phase.db, file })}
            onBrowse={() => setPhase(phase.contents === 'sessions' ? { kind: 'browse', db: phase.db } : { kind: 'building', db: phase.db, startedAt: Date.now() })}
            onQuit={quit}
          />
        );
      case 'building':
        return <Waiting what="Building the sessions of the events loaded so far" startedAt={phase.startedAt} cancel="Esc cancels it, Ctrl-C quits." />;
      case 'etl': {
        const { db, file } = phase;
        return (
          <EtlScreen
            file={file}
            steps={PIPELINE}
            run={({ signal, onEvent }) => runPipeline(db, { file, signal, onEvent })}
            onBrowse={() => {
              write(CLEAR_SCREEN);
              setPhase({ kind: 'checking', db, notices: [] });
            }}
            onQuit={(stopped) => quitStopped(file, stopped)}
          />
        );
      }
      case 'browse':
        return <Browser db={phase.db} exportDir={exportDir} onQuit={quit} />;
    }
  })();

  return (
    <>
      {/* Keyed by the phase: each phase that replaces the load screen mounts a new one (see StaticReset). */}
      <StaticReset key={phase.kind} />
      {screen}
    </>
  );
}
