import { useCallback, useState } from 'react';
import path from 'node:path';
import { Box, Text } from 'ink';
import { Header } from '../components/header.js';
import { Menu, type MenuOption } from '../components/menu.js';
import { Prompt } from '../components/prompt.js';
import { formatCount } from '../../format/values.js';
import { checkDataFile, pathSuggestions } from '../path-completion.js';
import { useTheme } from '../theme.js';

export interface LoadOfferProps {
  sampleFile: string;
  /** Where the app runs from: typed paths are relative to it. */
  cwd?: string;
  /** What the database holds: with sessions, browsing them is the default; events alone mean a load was cut short. */
  contents: 'sessions' | 'events' | 'empty';
  /** The last load, when it stopped before its end: finishing it is the first choice. */
  unfinished?: { file: string; committedLine: number };
  /** What the previous step wants said (profile saved...). */
  notices?: readonly string[];
  onLoad(file: string): void;
  onBrowse(): void;
  onQuit(): void;
}

type Choice = 'finish' | 'sample' | 'file' | 'browse' | 'quit';

const questions: Record<LoadOfferProps['contents'], string> = {
  sessions: 'The database has events. Load more, or browse them?',
  events: 'The database has events, but their sessions are not built yet.',
  empty: 'The database is empty. What should be loaded?',
};

/** After setup, or on an empty database: load the shipped sample or a file of one's own. */
export function LoadOffer({ sampleFile, cwd = process.cwd(), contents, unfinished, notices = [], onLoad, onBrowse, onQuit }: LoadOfferProps) {
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

  // Files are named relative to where the app runs (local_files/...), unless they lie outside it.
  const nameOf = (file: string) => (path.relative(cwd, file).startsWith('..') ? file : path.relative(cwd, file));
  const sampleName = nameOf(sampleFile);
  // A stream or a file gone since cannot be picked up again: then the menu says so instead of offering it.
  const resumable = unfinished && 'file' in checkDataFile(unfinished.file, cwd) ? unfinished : undefined;
  const browse: MenuOption<Choice> =
    contents === 'sessions'
      ? { value: 'browse', label: unfinished ? 'Browse what is already loaded' : 'Browse the events already loaded' }
      : { value: 'browse', label: 'Browse what is already loaded', hint: 'its sessions are built first' };
  const options: MenuOption<Choice>[] = [
    ...(resumable
      ? [{ value: 'finish' as const, label: `Finish loading ${nameOf(resumable.file)} (${formatCount(resumable.committedLine)} lines done)` }]
      : []),
    ...(contents !== 'empty' ? [browse] : []),
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
        <Text bold>
          {unfinished
            ? `The last load, of ${nameOf(unfinished.file)}, stopped after line ${formatCount(unfinished.committedLine)}.` +
              (resumable ? '' : ' That file cannot be read again; load it anew.')
            : questions[contents]}
        </Text>
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
            initial={options[0]!.value}
            onSelect={(choice) => {
              if (choice === 'finish' && resumable) onLoad(resumable.file);
              else if (choice === 'sample') onLoad(sampleFile);
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
