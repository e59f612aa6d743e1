/** Driving Ink components in tests: key codes, a pause between presses, and waiting for a frame. */

export const keys = {
  up: '\u001B[A',
  down: '\u001B[B',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

/** Lets Ink read the input and React re-render. */
export function tick(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Rendered {
  stdin: { write(data: string): void };
  lastFrame(): string | undefined;
}

/** Presses each key in turn, pausing after each one as Ink needs. */
export async function press(rendered: Rendered, ...inputs: string[]): Promise<void> {
  for (const input of inputs) {
    rendered.stdin.write(input);
    await tick();
  }
}

/**
 * Polls until the frame matches (a database answer takes its time), then lets the new screen's key handlers
 * attach before the test types; fails with the last frame seen.
 */
export async function waitForFrame(rendered: Rendered, pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = rendered.lastFrame() ?? '';
    if (typeof pattern === 'string' ? frame.includes(pattern) : pattern.test(frame)) {
      await tick();
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(pattern)}; the screen shows:\n${frame}`);
    await tick(20);
  }
}

/**
 * Types text into a field and waits until the field shows it (`shown`: asterisks for a password), so the
 * next key is not read together with it.
 */
export async function typeText(rendered: Rendered, text: string, shown = text): Promise<void> {
  rendered.stdin.write(text);
  await waitForFrame(rendered, shown);
}
