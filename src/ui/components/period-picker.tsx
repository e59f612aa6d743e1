import { useState } from 'react';
import { Box, Text } from 'ink';
import type { Database } from '../../db/database.js';
import { ALL_TIME, dataSpan, describePeriod, lastDays, monthPeriod, type Period } from '../../sessions/queries.js';
import { useAsync } from '../hooks/use-async.js';
import { useTheme } from '../theme.js';
import { Menu, type MenuOption } from './menu.js';

type Choice = 'all' | '7' | '30' | '90' | 'month' | 'typed';

export interface PeriodPickerProps {
  db: Database;
  current: Period;
  onPick(period: Period): void;
  /** "A range you type": the frame's prompt line asks for it. */
  onType(): void;
  onCancel(): void;
}

/**
 * The periods the app offers: all time, the last 7, 30 or 90 days of the data (ending on the day of the latest
 * event, not today: a log from last year still has a "last week"), a calendar month of the data, or a typed range.
 */
export function PeriodPicker({ db, current, onPick, onType, onCancel }: PeriodPickerProps) {
  const theme = useTheme();
  const span = useAsync(() => dataSpan(db), [db]);
  const [months, setMonths] = useState(false);
  if (span.error) return <Text color={theme.error}>Error: {span.error.message}</Text>;
  if (span.loading) return <Text>Finding the first and last day of the data...</Text>;
  const data = span.value;
  if (!data) {
    return <Menu options={[{ value: 'all', label: 'All time (there are no sessions yet)' }]} onSelect={() => onPick(ALL_TIME)} onBack={onCancel} />;
  }
  if (months) {
    const options = data.months.map((month) => ({ value: month, label: describePeriod(monthPeriod(month)) }));
    return (
      <Box flexDirection="column">
        <Text bold color={theme.accent}>Period: which month?</Text>
        <Menu options={options} initial={data.months.at(-1)} onSelect={(month) => onPick(monthPeriod(month))} onBack={() => setMonths(false)} />
        <Text color={theme.muted}>up/down choose, Enter takes it, Esc goes back</Text>
      </Box>
    );
  }
  const last = (days: number) => lastDays(data.lastDay, days);
  const periods: Partial<Record<Choice, Period>> = { all: ALL_TIME, 7: last(7), 30: last(30), 90: last(90) };
  const options: MenuOption<Choice>[] = [
    { value: 'all', label: `All time (${data.firstDay} to ${data.lastDay})` },
    ...([7, 30, 90] as const).map((days) => ({
      value: String(days) as Choice,
      label: `Last ${days} days of the data (${describePeriod(last(days))})`,
    })),
    { value: 'month', label: 'A month...' },
    { value: 'typed', label: 'A range you type...', hint: 'e.g. 2020-05-01 to 2020-05-31, or 2020-05-01 08:00 to 2020-05-01 20:00' },
  ];
  const initial = (Object.keys(periods) as Choice[]).find((c) => JSON.stringify(periods[c]) === JSON.stringify(current));
  const select = (choice: Choice) => {
    if (choice === 'month') setMonths(true);
    else if (choice === 'typed') onType();
    else onPick(periods[choice]!);
  };
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Period <Text color={theme.muted}>(now {describePeriod(current)}; a session counts in the period it starts in)</Text>
      </Text>
      <Menu options={options} initial={initial} onSelect={select} onBack={onCancel} />
      <Text color={theme.muted}>up/down choose, Enter takes it, Esc closes</Text>
    </Box>
  );
}
