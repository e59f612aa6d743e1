import type { EventEmitter } from 'node:events';
import { useLayoutEffect, useRef, useState } from 'react';
import { useStdin } from 'ink';
import { keyPresses, type KeyPress } from '../keys.js';

/** How a component takes keys. */
export interface KeysOptions {
  /**
   * Printable keys change nothing here but state the handler reads without a render (a text field keeps its
   * text in a ref), or nothing at all: the keys of a paste can come one after the other without a render
   * between them. A 3 KB paste then costs one render, not three thousand.
   */
  textInBursts?: boolean;
}

interface Listener extends KeysOptions {
  handle(key: KeyPress): void;
  /** Asks for a render of the listener's component; its commit carries everything the key before it did. */
  pulse(): void;
  pulsed: boolean;
}

/**
 * The keys of one Ink app, one at a time. A read from the terminal may hold many keys (a held key, a paste);
 * each goes to the handlers active when its turn comes, and only once React has committed what the key
 * before it did. React renders later, not when state is set, so without the wait `j j Enter` in one read
 * would open the row the cursor was on before the two `j`, and the keys after an Enter that closes a prompt
 * would go to the prompt again instead of the screen behind it.
 */
class Keyboard {
  private readonly listeners = new Set<Listener>();
  private readonly waiting: KeyPress[] = [];
  private rendering: Listener | undefined;

  constructor(source: EventEmitter) {
    source.on('input', (read: string) => {
      this.waiting.push(...keyPresses(read));
      this.deliverNext();
    });
  }

  add(listener: Listener): void {
    this.listeners.add(listener);
  }

  remove(listener: Listener): void {
    this.listeners.delete(listener);
    // Unmounted or turned off by the commit it was waiting for: that commit has happened.
    if (listener.pulsed) this.committed(listener);
  }

  committed(listener: Listener): void {
    listener.pulsed = false;
    if (this.rendering !== listener) return;
    this.rendering = undefined;
    // After the whole commit: every handler has been replaced by its latest render's by then.
    queueMicrotask(() => this.deliverNext());
  }

  private deliverNext(): void {
    if (this.rendering) return;
    let key = this.waiting.shift();
    while (key) {
      const active = [...this.listeners];
      // A handler that a key turns off (a prompt it closes) does not get that key as well.
      for (const listener of active) if (this.listeners.has(listener)) listener.handle(key);
      if (!key.text || !active.every((listener) => listener.textInBursts)) break;
      key = this.waiting.shift();
    }
    if (!key) return;
    const witness = [...this.listeners][0];
    if (!witness) {
      this.deliverNext();
      return;
    }
    // Every update of a key shares React's default lane, so they render and commit together with this one.
    this.rendering = witness;
    witness.pulsed = true;
    witness.pulse();
  }
}

// One keyboard per Ink app; Ink's input events are what tells the apps (and tests) apart.
const keyboards = new WeakMap<EventEmitter, Keyboard>();

function keyboardOf(source: EventEmitter): Keyboard {
  let keyboard = keyboards.get(source);
  if (!keyboard) {
    keyboard = new Keyboard(source);
    keyboards.set(source, keyboard);
  }
  return keyboard;
}

/**
 * Calls `handler` with every key press while `isActive`, always the handler of the latest render. Every
 * component reads keys through here, never through Ink's `useInput`, which hands a burst over as one string.
 */
export function useKeys(handler: (key: KeyPress) => void, isActive = true, options: KeysOptions = {}): void {
  const { setRawMode, internal_eventEmitter: source } = useStdin();
  const [, setPulses] = useState(0);
  const listener = useRef<Listener>({ handle: handler, pulse: () => setPulses((n) => n + 1), pulsed: false }).current;
  const keyboard = keyboardOf(source);
  useLayoutEffect(() => {
    listener.handle = handler;
    listener.textInBursts = options.textInBursts;
    if (listener.pulsed) keyboard.committed(listener);
  });
  useLayoutEffect(() => {
    if (!isActive) return;
    keyboard.add(listener);
    return () => keyboard.remove(listener);
  }, [isActive, keyboard]);
  // Raw mode is what makes Ink read the terminal at all (Ink counts who asked for it). It is asked for while
  // the component is mounted, active or not: were the count to touch zero between one handler going and the
  // next coming (a prompt closing), Ink would drop a key read but not yet parsed, and the terminal would
  // briefly echo and buffer what is typed. On at the commit, so a key typed as soon as a screen shows is read.
  useLayoutEffect(() => {
    setRawMode(true);
    return () => setRawMode(false);
  }, [setRawMode]);
}
