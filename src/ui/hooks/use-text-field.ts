import { useRef, useState } from 'react';
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
  // The text lives in a ref as well as in state: the keys of a paste arrive without a render between them,
  // and each must edit what the one before it left.
  const latest = useRef<Line>(lineOf(printable(defaultValue)));
  const [line, setLine] = useState(latest.current);
  const completionOf = (text: string) => (text === '' ? undefined : suggestions.find((s) => s.length > text.length && s.startsWith(text)));

  const change = (next: Line) => {
    const before = latest.current;
    latest.current = next;
    setLine(next);
    if (next.text !== before.text) onChange?.(next.text);
  };

  useKeys(
    (key) => {
      const current = latest.current;
      const completion = completionOf(current.text);
      if (key.name === 'return' && !key.meta) onSubmit(current.text);
      else if (key.name === 'escape') onCancel?.();
      else if (key.name === 'tab' && !key.shift && completion) change(insert(lineOf(current.text), completion.slice(current.text.length)));
      else {
        const next = edit(current, key);
        if (next) change(next);
      }
    },
    isActive,
    { textInBursts: true },
  );

  const completion = completionOf(line.text);
  return { line, completion: line.cursor === line.text.length ? completion?.slice(line.text.length) : undefined };
}
