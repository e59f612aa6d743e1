import { useEffect, useState } from 'react';
import { fitWindow, moveCursor, type ListWindow, type Movement } from '../navigation.js';
import type { Action } from './keymap.js';

const movements: readonly Action[] = ['up', 'down', 'top', 'bottom', 'pageUp', 'pageDown'];

export function isMovement(action: Action): action is Movement {
  return movements.includes(action);
}

/** The cursor and scroll position over `total` rows shown `height` at a time; a resize keeps the cursor on screen. */
export function useListCursor(total: number, height: number, start: number = 0) {
  const [window, setWindow] = useState<ListWindow>(() => fitWindow({ cursor: start, top: start }, Math.max(total, start + 1), height));
  useEffect(() => {
    setWindow((w) => fitWindow(w, total, height));
  }, [total, height]);
  return {
    window,
    move(movement: Movement) {
      setWindow((w) => moveCursor(w, movement, total, height));
    },
    moveTo(index: number) {
      setWindow((w) => fitWindow({ ...w, cursor: index }, total, height));
    },
  };
}
