import { useState } from 'react';
import { edit, insert, lineOf, type Line } from '../line-editor.js';
import { useKeys } from './use-keys.js';

export interface TextFieldOptions {
  defaultValue?: string;
  /** Whole values the text may grow into (paths): the first one that extends the text is offered. */
  suggestions?: readonly string[];
  isActive?: boolean;
  onChange?(value: string): void;
  onSubmit(value: string): void;
  /** Esc. */
  onCancel?(): void;
}

// A value handed in (a default, a history entry) is held to the same rule as typed text: printable only.
const printable = (text: string) => text.replace(/[\p{Cc}\p{Cs}]/gu, '');

/**
 * A one-line text field's behaviour: readline editing, Tab to take the completion on offer, Enter to submit
 * what is typed and Esc to cancel. Other keys (up/down, Ctrl-C...) are left to whoever owns the field.
 */
export function useTextField({ defaultValue = '', suggestions = [], isActive = true, onChange, onSubmit, onCancel }: TextFieldOptions) {
  const [line, setLine] = useState<Line>(() => lineOf(printable(defaultValue)));
  const completion = line.text === '' ? undefined : suggestions.find((s) => s.length > line.text.length && s.startsWith(line.text));

  const change = (next: Line) => {
    setLine(next);
    if (next.text !== line.text) onChange?.(next.text);
  };

  useKeys((key) => {
    if (key.name === 'return' && !key.meta) onSubmit(line.text);
    else if (key.name === 'escape') onCancel?.();
    else if (key.name === 'tab' && !key.shift && completion) change(insert({ text: line.text, cursor: line.text.length }, completion.slice(line.text.length)));
    else {
      const next = edit(line, key);
      if (next) change(next);
    }
  }, isActive);

  return { line, completion: line.cursor === line.text.length ? completion?.slice(line.text.length) : undefined };
}
