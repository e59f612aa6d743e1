import { useState } from 'react';
import type { Field } from '../components/record-view.js';

/**
 * The detail pane of a list: open or closed, and how far its fields are scrolled when they do not fit in
 * `room` lines. The scroll stays put when the cursor moves on, so a field can be compared row after row.
 */
export function useDetails(fields: readonly Field[] | undefined, room: number) {
  const [open, setOpen] = useState(false);
  const [offset, setOffset] = useState(0);
  const last = Math.max(0, (fields?.length ?? 0) - room);
  return {
    open: open && fields !== undefined,
    offset: Math.min(offset, last),
    toggle: () => setOpen(!open),
    close: () => setOpen(false),
    scroll: (step: -1 | 1) => setOffset(Math.max(0, Math.min(last, Math.min(offset, last) + step * room))),
  };
}
