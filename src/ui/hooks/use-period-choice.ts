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
  const typePeriod = () => {
    setPickerOpen(false);
    ask({
      label: 'Period, from and to:',
      placeholder: '2020-05-01 to 2020-05-31',
      onSubmit: (typed) => {
        try {
          pick(parseTypedPeriod(typed));
        } catch (error) {
          say({ text: (error as Error).message, isError: true });
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
