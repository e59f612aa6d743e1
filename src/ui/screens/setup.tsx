import { useState } from 'react';
import { Box } from 'ink';
import { appendPgpass } from '../../config/pgpass.js';
import { writeProfile } from '../../config/profile.js';
import type { DatabaseTarget } from '../../config/target.js';
import type { Database } from '../../db/database.js';
import { Header } from '../components/header.js';
import { pgpassKey, resolveServer } from '../../config/resolve.js';
import type { ServerSpec } from '../../config/conninfo.js';
import type { ConnectionField } from '../../db/connect.js';
import { emptyFields, serverProfile, specFromFields, type ServerFields } from '../server-settings.js';
import { ChooseDatabase } from './choose-database.js';
import { ConnectionCheck } from './connection-check.js';
import { RememberPassword } from './remember-password.js';
import { ServerForm } from './server-form.js';

export interface SetupDone {
  db: Database;
  /** What happened to the profile (and the password), to show on the next screen. */
  notices: string[];
}

export interface SetupProps {
  configFile: string;
  /** Where an embedded database goes. */
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  onDone(done: SetupDone): void;
  onQuit(): void;
}

type Stage =
  | { kind: 'choose' }
  /** `more`: a pasted URL's settings beyond the fields, kept when a field is fixed. */
  | { kind: 'form'; fields: ServerFields; more?: ServerSpec; startAt?: ConnectionField }
  | { kind: 'check'; target: DatabaseTarget; fields?: ServerFields }
  | { kind: 'remember'; db: Database; fields: ServerFields; spec: ServerSpec; notices: string[] };

function saveProfile(configFile: string, target: DatabaseTarget): string {
  try {
    writeProfile(configFile, { database: target.kind === 'embedded' ? target : serverProfile(target.spec) });
    return `Saved the profile to ${configFile} (readable by you only; no password in it).`;
  } catch (error) {
    return `Could not save the profile to ${configFile}: ${(error as Error).message}`;
  }
}

/** What a server target holds beyond the form's fields (a pasted URL's sslmode, sslrootcert...). */
function settingsBeyondFields(target: DatabaseTarget): ServerSpec | undefined {
  if (target.kind !== 'server') return undefined;
  const { host: _host, port: _port, dbname: _dbname, user: _user, password: _password, ...more } = target.spec;
  return more;
}

/** The guided first run: which database, test the connection, save the profile. */
export function Setup({ configFile, dataDir, env = process.env, onDone, onQuit }: SetupProps) {
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });

  const connected = (db: Database, target: DatabaseTarget, fields?: ServerFields) => {
    const notices = [saveProfile(configFile, target)];
    if (fields && target.kind === 'server' && target.spec.password) setStage({ kind: 'remember', db, fields, spec: target.spec, notices });
    else onDone({ db, notices });
  };

  const remember = (yes: boolean, { db, fields, spec, notices }: Extract<Stage, { kind: 'remember' }>) => {
    if (!yes) return onDone({ db, notices });
    // the line libpq will look for: a socket folder other than the default one is matched by its path
    const settings = resolveServer(spec, env);
    try {
      onDone({ db, notices: [...notices, `Saved the password to ${appendPgpass(settings.passfile, pgpassKey(settings), fields.password)}.`] });
    } catch (error) {
      onDone({ db, notices: [...notices, `Could not write the password file: ${(error as Error).message}`] });
    }
  };

  return (
    <Box flexDirection="column">
      <Header trail={['Setup']} />
      <Box marginTop={1} flexDirection="column">
        {stage.kind === 'choose' ? (
          <ChooseDatabase
            dataDir={dataDir}
            onChoose={(kind) =>
              setStage(kind === 'embedded' ? { kind: 'check', target: { kind: 'embedded', dataDir } } : { kind: 'form', fields: emptyFields })
            }
            onQuit={onQuit}
          />
        ) : null}
        {stage.kind === 'form' ? (
          <ServerForm
            initial={stage.fields}
            startAt={stage.startAt}
            env={env}
            onSubmit={(fields, more) => setStage({ kind: 'check', target: { kind: 'server', spec: specFromFields(fields, more ?? stage.more) }, fields })}
            onBack={() => setStage({ kind: 'choose' })}
          />
        ) : null}
        {stage.kind === 'check' ? (
          <ConnectionCheck
            target={stage.target}
            create
            onConnected={(db) => connected(db, stage.target, stage.fields)}
            onFix={(field) => setStage({ kind: 'form', fields: stage.fields ?? emptyFields, more: settingsBeyondFields(stage.target), startAt: field })}
            onChooseAgain={() => setStage({ kind: 'choose' })}
            onQuit={onQuit}
          />
        ) : null}
        {stage.kind === 'remember' ? <RememberPassword env={env} onAnswer={(yes) => remember(yes, stage)} /> : null}
      </Box>
    </Box>
  );
}
