import { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import { Menu } from '../components/menu.js';
import { Prompt } from '../components/prompt.js';
import type { ServerSpec } from '../../config/conninfo.js';
import { passwordSource, type PasswordSource } from '../../config/resolve.js';
import {
  describeDefault,
  describePasswordDefault,
  fieldsFromUrl,
  portProblem,
  specFromFields,
  type FieldName,
  type ServerFields,
} from '../server-settings.js';
import { useTheme } from '../theme.js';

export interface ServerFormProps {
  /** The values to start from: empty the first time, the previous ones when coming back to fix a field. */
  initial: ServerFields;
  /** The field to start on, e.g. the one the failed test points at. */
  startAt?: FieldName;
  env?: NodeJS.ProcessEnv;
  /** `more`: the settings of a pasted URL beyond the fields (sslmode, sslrootcert...). */
  onSubmit(fields: ServerFields, more?: ServerSpec): void;
  onBack(): void;
}

const fieldOrder: readonly FieldName[] = ['host', 'port', 'database', 'user', 'password'];
const fieldTitles: Record<FieldName, string> = { host: 'Host', port: 'Port', database: 'Database', user: 'User', password: 'Password' };

type Stage = 'mode' | 'url' | FieldName;

/** A PostgreSQL server: a URL, or host, port, database, user and a masked password, one field at a time. */
export function ServerForm({ initial, startAt, env = process.env, onSubmit, onBack }: ServerFormProps) {
  const theme = useTheme();
  const [fields, setFields] = useState(initial);
  const [stage, setStage] = useState<Stage>(startAt ?? 'mode');
  const [problem, setProblem] = useState<string>();
  // Where an empty password would come from: PGPASSWORD, or a matching line of ~/.pgpass (read in the background).
  const [passwordFrom, setPasswordFrom] = useState<PasswordSource>();
  useEffect(() => {
    if (stage !== 'password') return;
    let current = true;
    passwordSource(specFromFields({ ...fields, password: '' }), env).then((source) => current && setPasswordFrom(source));
    return () => {
      current = false;
    };
  }, [stage]);
  const hint = (name: FieldName) => (name === 'password' ? describePasswordDefault(passwordFrom) : describeDefault(name, fields, env));

  const previous = (name: FieldName): Stage => fieldOrder[fieldOrder.indexOf(name) - 1] ?? 'mode';
  const submitField = (name: FieldName, value: string) => {
    const problemFound = name === 'port' ? portProblem(value) : undefined;
    setProblem(problemFound);
    if (problemFound) return;
    const next = { ...fields, [name]: value };
    setFields(next);
    const following = fieldOrder[fieldOrder.indexOf(name) + 1];
    if (following) setStage(following);
    else onSubmit(next);
  };
  const submitUrl = (url: string) => {
    if (!/^postgres(ql)?:\/\//i.test(url.trim())) return setProblem('A URL looks like postgresql://user@host:5432/database.');
    try {
      const { fields: parsed, more } = fieldsFromUrl(url.trim());
      setProblem(undefined);
      onSubmit(parsed, more);
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <Box flexDirection="column">
      <Text bold>PostgreSQL server</Text>
      {stage === 'mode' ? (
        <Menu
          options={[
            { value: 'fields', label: 'Fill in host, port, database and user', hint: 'empty fields use PG* variables and ~/.pgpass, as psql does' },
            { value: 'url', label: 'Paste a connection URL', hint: 'postgresql://user@host:5432/database' },
          ]}
          onSelect={(mode) => setStage(mode === 'url' ? 'url' : 'host')}
          onBack={onBack}
        />
      ) : null}
      {stage !== 'mode' && stage !== 'url'
        ? fieldOrder.slice(0, fieldOrder.indexOf(stage)).map((name) => (
            <Text key={name}>
              {fieldTitles[name]}: {name === 'password' ? (fields.password ? '********' : '') : fields[name]}
              {fields[name] === '' ? <Text color={theme.muted}>({hint(name)})</Text> : null}
            </Text>
          ))
        : null}
      {stage === 'url' ? (
        <Prompt key="url" label="URL:" placeholder="postgresql://user@host:5432/database" onSubmit={submitUrl} onCancel={() => setStage('mode')} />
      ) : null}
      {stage !== 'mode' && stage !== 'url' ? (
        <Box flexDirection="column">
          <Prompt
            key={stage}
            label={`${fieldTitles[stage]}:`}
            masked={stage === 'password'}
            defaultValue={stage === 'password' ? undefined : fields[stage]}
            placeholder={`(${hint(stage)})`}
            onSubmit={(value) => submitField(stage, value)}
            onCancel={() => setStage(previous(stage))}
          />
          {stage === 'password' ? (
            <Text color={theme.muted}>A typed password is kept in memory for this run only; the saved profile never holds one.</Text>
          ) : null}
        </Box>
      ) : null}
      {problem ? <Text color={theme.error}>Error: {problem}</Text> : null}
      <Text color={theme.muted}>Enter: next   Esc: back</Text>
    </Box>
  );
}
