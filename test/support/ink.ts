/** Driving Ink components in tests: key codes, pressing keys, and waiting for what a frame shows. */

import { EventEmitter } from 'node:events';
import type { ReactElement } from 'react';
import { render as inkRender } from 'ink';

export const keys = {
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  right: '\u001B[C',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** Lets a timer or an I/O callback run; tests wait for frames instead wherever there is one to wait for. */
export function tick(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Rendered {
  stdin: { write(data: string): void };
  frames: string[];
  lastFrame(): string | undefined;
}

/** Polls until `done()` holds; fails with `what` and the last frame after `timeoutMs`. */
export async function waitUntil(rendered: Rendered, done: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; the screen shows:\n${rendered.lastFrame() ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Presses each key in turn and waits for the frame it brings, as Shopify cli-kit's sendInputAndWaitForChange
 * does: every key a component reads is followed by a render, so the next key meets the updated screen.
 * A string of several keys is one read from the terminal (a burst, a paste); the wait is for its first key.
 */
export async function press(rendered: Rendered, ...inputs: string[]): Promise<void> {
  for (const input of inputs) {
    const seen = rendered.frames.length;
    rendered.stdin.write(input);
    await waitUntil(rendered, () => rendered.frames.length > seen, `a frame after ${JSON.stringify(input)}`);
  }
}

/** Polls until the frame matches (a database answer takes its time); fails with the last frame seen. */
export async function waitForFrame(rendered: Rendered, pattern: RegExp | string | ((frame: string) => boolean), timeoutMs = 15_000): Promise<string> {
  const matches = () => {
    const frame = rendered.lastFrame() ?? '';
    if (typeof pattern === 'function') return pattern(frame);
    return typeof pattern === 'string' ? frame.includes(pattern) : pattern.test(frame);
  };
  await waitUntil(rendered, matches, String(pattern), timeoutMs);
  return rendered.lastFrame() ?? '';
}

/**
 * Types text into a field and waits until the field shows it (`shown`: asterisks for a password), so the
 * next key is not read together with it.
 */
export async function typeText(rendered: Rendered, text: string, shown = text): Promise<string> {
  rendered.stdin.write(text);
  return waitForFrame(rendered, shown);
}

/** A terminal of a given size for Ink to draw on; `resize` changes it as a window would. */
class SizedStdout extends EventEmitter {
  readonly frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
  lastFrame = () => this.frames.at(-1);
}

/** Keys typed into Ink: each `write` is one read from the terminal, as a burst or a paste arrives. */
class TestStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** Like ink-testing-library's render, on a terminal of `columns` x `rows`. */
export function renderAt(tree: ReactElement, size: { columns: number; rows: number }) {
  const stdout = new SizedStdout(size.columns, size.rows);
  const stdin = new TestStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new SizedStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    stdin,
    frames: stdout.frames,
    lastFrame: stdout.lastFrame,
    rerender: instance.rerender,
    unmount: instance.unmount,
    resize(columns: number, rows: number) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
    },
  };
}
