import { useStdout } from 'ink';

/**
 * The OSC 52 sequence that asks the terminal to put `text` on the system clipboard: it works over ssh and in
 * tmux (with `set-clipboard on`), where no clipboard program of this machine could reach the person's.
 */
export function osc52(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Copies text to the clipboard through the terminal; the caller says so on screen. */
export function useClipboard(): (text: string) => void {
  const { write } = useStdout();
  return (text) => write(osc52(text));
}
