import { Text } from 'ink';
import type { PromptRequest } from '../hooks/use-browser.js';
import { useTheme } from '../theme.js';
import { MessageLine, type Message } from './message-line.js';
import { Prompt } from './prompt.js';

export interface BottomLineProps {
  prompt: PromptRequest | undefined;
  message: Message | undefined;
  width: number;
  /** The prompt closed, with its value or cancelled: the caller forgets the request. */
  onPromptClosed(): void;
}

/** The line under every screen: the open prompt, else the message, else a blank line that keeps the layout still. */
export function BottomLine({ prompt, message, width, onPromptClosed }: BottomLineProps) {
  const theme = useTheme();
  if (prompt) {
    return (
      <Prompt
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
    );
  }
  if (message) return <MessageLine message={message} width={width} />;
  return <Text color={theme.muted}> </Text>;
}
