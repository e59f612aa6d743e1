import { Box, Text } from 'ink';
import wrapAnsi from 'wrap-ansi';
import type { PromptRequest } from '../hooks/use-browser.js';
import { useTheme } from '../theme.js';
import { messageText, type Message } from './message-line.js';
import { Prompt } from './prompt.js';

export interface BottomLineProps {
  prompt: PromptRequest | undefined;
  message: Message | undefined;
  width: number;
  /** The prompt closed, with its value or cancelled: the caller forgets the request. */
  onPromptClosed(): void;
}

/** A text as the terminal shows it in `width` columns: wrapped at words, no line starting with a space. */
function wrapped(text: string, width: number): string[] {
  return wrapAnsi(text, Math.max(1, width), { hard: true, trim: true }).split('\n');
}

/** The lines the bottom line takes: a message wraps rather than being cut, a prompt's problem goes under it. */
export function bottomLineHeight(prompt: PromptRequest | undefined, message: Message | undefined, width: number): number {
  if (prompt) return 1 + (prompt.problem ? wrapped(`Error: ${prompt.problem}`, width).length : 0);
  return message ? wrapped(messageText(message), width).length : 1;
}

/**
 * The line under every screen: the open prompt (with what was wrong with the last value under it), else the
 * message, wrapped, else a blank line that keeps the layout still.
 */
export function BottomLine({ prompt, message, width, onPromptClosed }: BottomLineProps) {
  const theme = useTheme();
  if (prompt) {
    return (
      <Box flexDirection="column">
        <Prompt
          // a value sent back with its problem starts a new field holding it
          key={prompt.problem ?? ''}
          label={prompt.label}
          defaultValue={prompt.defaultValue}
          placeholder={prompt.placeholder}
          onChange={prompt.onChange}
          onSubmit={(value) => {
            onPromptClosed();
            prompt.onSubmit(value);
          }}
          onCancel={() => {
            onPromptClosed();
            prompt.onCancel?.();
          }}
        />
        {prompt.problem
          ? wrapped(`Error: ${prompt.problem}`, width).map((line, i) => (
              <Text key={i} color={theme.error}>
                {line}
              </Text>
            ))
          : null}
      </Box>
    );
  }
  if (message) {
    return (
      <Box flexDirection="column">
        {wrapped(messageText(message), width).map((line, i) => (
          <Text key={i} color={message.isError ? theme.error : theme.success}>
            {line}
          </Text>
        ))}
      </Box>
    );
  }
  return <Text color={theme.muted}> </Text>;
}
