import { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import { describeTarget, type DatabaseTarget } from '../../config/target.js';
import { ConnectionError, NoEmbeddedDatabase, openDatabase, type ConnectionField } from '../../db/connect.js';
import { createDatabase, databaseName } from '../../db/create-database.js';
import type { Database } from '../../db/database.js';
import { Menu, type MenuOption } from '../components/menu.js';
import { useTheme } from '../theme.js';

export interface ConnectionCheckProps {
  target: DatabaseTarget;
  /** Create an embedded database whose folder is missing or empty (the setup's choice, the default folder). */
  create?: boolean;
  onConnected(db: Database): void;
  /** Back to the form, on the field the failure points at (host, password...) when it points at one. */
  onFix(field?: ConnectionField): void;
  /** Back to the choice of embedded or server. */
  onChooseAgain(): void;
  onQuit(): void;
}

type Check =
  | { state: 'testing' }
  | { state: 'creating'; name: string }
  | { state: 'failed'; message: string; field?: ConnectionField; missingDatabase?: string; noEmbedded?: string };

type Choice = 'create' | 'create-embedded' | 'retry' | 'fix' | 'choose' | 'quit';

function failureOf(error: unknown, target: DatabaseTarget): Check {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof NoEmbeddedDatabase) return { state: 'failed', message, noEmbedded: error.folder };
  if (!(error instanceof ConnectionError)) return { state: 'failed', message };
  const missing = target.kind === 'server' && error.missingDatabase;
  return { state: 'failed', message, field: error.field, missingDatabase: missing ? databaseName(target) : undefined };
}

/** "Test connection": opens the database, and on failure says why in one sentence and offers the way back. */
export function ConnectionCheck({ target, create: createEmbedded = false, onConnected, onFix, onChooseAgain, onQuit }: ConnectionCheckProps) {
  const theme = useTheme();
  const [check, setCheck] = useState<Check>({ state: 'testing' });
  const [attempt, setAttempt] = useState(0);
  // a folder given on the command line is not created unasked (a typo would become a new database): here it is asked
  const [createNow, setCreateNow] = useState(createEmbedded);
  // What the embedded database is doing while it opens: created on the first run, its server started.
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    let current = true;
    openDatabase(target, { create: createNow, onNotice: (message) => current && setNotice(message) }).then(
      (db) => (current ? onConnected(db) : void db.close()),
      (error: unknown) => current && setCheck(failureOf(error, target)),
    );
    return () => {
      current = false;
    };
  }, [target, attempt]);

  const retry = () => {
    setCheck({ state: 'testing' });
    setAttempt((n) => n + 1);
  };

  const create = (name: string) => {
    if (target.kind !== 'server') return;
    setCheck({ state: 'creating', name });
    createDatabase(target).then(retry, (error: unknown) => setCheck(failureOf(error, target)));
  };

  const where = describeTarget(target);
  if (check.state !== 'failed') {
    return (
      <Spinner
        type={theme.spinner}
        label={
          check.state === 'creating'
            ? `Creating database "${check.name}"...`
            : target.kind === 'embedded'
              ? (notice ?? `Opening the embedded database in ${target.dataDir}...`)
              : `Testing the connection to ${where}...`
        }
      />
    );
  }

  const options: MenuOption<Choice>[] = [
    ...(check.noEmbedded ? [{ value: 'create-embedded' as const, label: `Create an embedded database in ${check.noEmbedded}, then load a file` }] : []),
    ...(check.missingDatabase ? [{ value: 'create' as const, label: `Create database "${check.missingDatabase}" on this server` }] : []),
    ...(target.kind === 'server' ? [{ value: 'fix' as const, label: 'Fix the settings' }] : []),
    { value: 'retry', label: 'Try again' },
    { value: 'choose', label: 'Choose another database' },
    { value: 'quit', label: 'Quit' },
  ];
  return (
    <Box flexDirection="column">
      <Text color={theme.error}>Error: {check.message}</Text>
      <Menu
        options={options}
        onSelect={(choice) => {
          if (choice === 'create') create(check.missingDatabase!);
          else if (choice === 'create-embedded') {
            setCreateNow(true);
            retry();
          }
          else if (choice === 'fix') onFix(check.field);
          else if (choice === 'retry') retry();
          else if (choice === 'choose') onChooseAgain();
          else onQuit();
        }}
        onBack={target.kind === 'server' ? () => onFix(check.field) : onChooseAgain}
        onQuit={onQuit}
      />
    </Box>
  );
}
