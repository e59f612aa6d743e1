import { useEffect, useState } from 'react';
import { useApp, useStdout } from 'ink';
import type { DatabaseTarget } from '../config/target.js';
import type { Database } from '../db/database.js';
import { UserError } from '../errors.js';
import { PIPELINE, runPipeline } from '../etl/pipeline.js';
import { LoadInterrupted } from '../etl/load.js';
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
  | { kind: 'offer'; db: Database; notices: string[]; contents: Contents }
  | { kind: 'etl'; db: Database; file: string }
  | { kind: 'browse'; db: Database };

// Erases the screen: the load's <Static> lines stay on the terminal otherwise, above the browser.
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/** What the database holds: sessions to browse, events whose load did not finish, or nothing. */
type Contents = 'sessions' | 'events' | 'empty';

async function contentsOf(db: Database): Promise<Contents> {
  const passes = (check: (db: Database) => Promise<void>) =>
    check(db).then(
      () => true,
      (error: unknown) => (error instanceof UserError ? false : Promise.reject(error)),
    );
  if (await passes(requireSessions)) return 'sessions';
  return (await passes(requireEvents)) ? 'events' : 'empty';
}

/** The whole terminal app: setup, the load offer, the ETL screen and the browser, one after the other. */
export function App({ start, configFile, dataDir, sampleFile, exportDir, env = process.env, onDatabase }: AppProps) {
  const { exit } = useApp();
  const theme = useTheme();
  const { write } = useStdout();
  const [phase, setPhase] = useState<Phase>(start);
  const quit = () => exit();
  const quitStopped = (file: string, stopped?: Error) => {
    if (!stopped) return exit();
    // the loader's sentence names "the same command", but here there was none: say how to go on from the app
    const message =
      stopped instanceof LoadInterrupted && !stopped.stream
        ? `Load interrupted after line ${stopped.line}; load ${file} again (in the app, or npm start -- load ${file}) to finish it.`
        : stopped.message;
    exit({ message, exitCode: stopped instanceof UserError ? stopped.exitCode : 1 } satisfies Farewell);
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
      (contents) => setPhase(contents === 'sessions' && notices.length === 0 ? { kind: 'browse', db } : { kind: 'offer', db, notices, contents }),
      (error: Error) => exit(error),
    );
  }, [phase]);

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
            notices={phase.notices}
            onLoad={(file) => setPhase({ kind: 'etl', db: phase.db, file })}
            onBrowse={() => setPhase({ kind: 'browse', db: phase.db })}
            onQuit={quit}
          />
        );
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
