import { useCallback, useState } from 'react';
import path from 'node:path';
import { Box, Text } from 'ink';
import { Header } from '../components/header.js';
import { Menu, type MenuOption } from '../components/menu.js';
import { Prompt } from '../components/prompt.js';
import { checkDataFile, pathSuggestions } from '../path-completion.js';
import { useTheme } from '../theme.js';

export interface LoadOfferProps {
  sampleFile: string;
  /** Where the app runs from: typed paths are relative to it. */
  cwd?: string;
  /** What the database holds: with sessions, browsing them is the default; events alone mean a load was cut short. */
  contents: 'sessions' | 'events' | 'empty';
  /** What the previous step wants said (profile saved...). */
  notices?: readonly string[];
  onLoad(file: string): void;
  onBrowse(): void;
  onQuit(): void;
}

type Choice = 'sample' | 'file' | 'browse' | 'quit';

const questions: Record<LoadOfferProps['contents'], string> = {
  sessions: 'The database has events. Load more, or browse them?',
  events: 'The last load did not finish: load the same file again to pick it up where it stopped.',
  empty: 'The database is empty. What should be loaded?',
};

/** After setup, or on an empty database: load the shipped sample or a file of one's own. */
export function LoadOffer({ sampleFile, cwd = process.cwd(), contents, notices = [], onLoad, onBrowse, onQuit }: LoadOfferProps) {
  const theme = useTheme();
  const [typing, setTyping] = useState<{ value: string; problem?: string }>();
  const [suggestions, setSuggestions] = useState<string[]>([]);
  // Stable: the text input calls it from an effect that reruns whenever the callback changes.
  const complete = useCallback((value: string) => setSuggestions(pathSuggestions(value, cwd)), [cwd]);

  const submit = (typed: string) => {
    const checked = checkDataFile(typed, cwd);
    if ('file' in checked) onLoad(checked.file);
    else setTyping({ value: typed, problem: checked.problem });
  };

  // The sample is named relative to where the app runs (local_files/...), unless it lies outside it.
  const sampleName = path.relative(cwd, sampleFile).startsWith('..') ? sampleFile : path.relative(cwd, sampleFile);
  const options: MenuOption<Choice>[] = [
    ...(contents === 'sessions' ? [{ value: 'browse' as const, label: 'Browse the events already loaded' }] : []),
    { value: 'sample', label: `Load the sample: ${sampleName}`, hint: 'synthetic scooter-app events, about 100,000 rows' },
    { value: 'file', label: 'Load a file of my own (.csv or .csv.gz, ;-separated)' },
    { value: 'quit', label: 'Quit' },
  ];

  return (
    <Box flexDirection="column">
      <Header trail={['Load']} />
      <Box marginTop={1} flexDirection="column">
        {notices.map((notice) => (
          <Text key={notice} color={theme.success}>
            {notice}
          </Text>
        ))}
        <Text bold>{questions[contents]}</Text>
        {typing ? (
          <Box flexDirection="column">
            <Prompt
              key={typing.value}
              label="File:"
              defaultValue={typing.value}
              placeholder="path/to/events.csv.gz"
              suggestions={suggestions}
              onChange={complete}
              onSubmit={submit}
              onCancel={() => setTyping(undefined)}
            />
            {typing.problem ? <Text color={theme.error}>Error: {typing.problem}</Text> : null}
            <Text color={theme.muted}>Type a path: Tab takes the completion on offer, Enter loads the file, Esc goes back.</Text>
          </Box>
        ) : (
          <Menu
            options={options}
            initial={contents === 'sessions' ? 'browse' : 'sample'}
            onSelect={(choice) => {
              if (choice === 'sample') onLoad(sampleFile);
              else if (choice === 'file') setTyping({ value: '' });
              else if (choice === 'browse') onBrowse();
              else onQuit();
            }}
            onBack={onQuit}
            onQuit={onQuit}
          />
        )}
      </Box>
    </Box>
  );
}
