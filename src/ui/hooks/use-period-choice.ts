import { useState } from 'react';
import { ALL_TIME, describePeriod, parseTypedPeriod, type Period } from '../../sessions/queries.js';
import type { Message } from '../components/message-line.js';
import type { PromptRequest } from './use-browser.js';

/** The period every view counts by: chosen in the picker, or typed on the prompt line. */
export function usePeriodChoice(say: (message: Message) => void, ask: (request: PromptRequest) => void) {
  const [period, setPeriod] = useState<Period>(ALL_TIME);
  const [pickerOpen, setPickerOpen] = useState(false);

  const pick = (next: Period) => {
    setPickerOpen(false);
    setPeriod(next);
    say({ text: `Counting the sessions that start in: ${describePeriod(next)}` });
  };
  // A mistyped period comes back on the prompt as it was typed, with what is wrong with it under it.
  const typePeriod = (typed = '', problem?: string) => {
    setPickerOpen(false);
    ask({
      label: 'Period, from and to:',
      placeholder: '2020-05-01 to 2020-05-31',
      defaultValue: typed,
      ...(problem ? { problem } : {}),
      onSubmit: (value) => {
        try {
          pick(parseTypedPeriod(value));
        } catch (error) {
          typePeriod(value, (error as Error).message);
        }
      },
    });
  };
  return {
    period,
    pickerOpen,
    openPicker: () => setPickerOpen(true),
    closePicker: () => setPickerOpen(false),
    pick,
    typePeriod,
  };
}
