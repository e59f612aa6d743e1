import React from 'react';
import { Box, Text, useInput } from 'ink';
import { PasswordInput, TextInput } from '@inkjs/ui';
import { useTheme } from '../theme.js';

export interface PromptProps {
  label: string;
  defaultValue?: string;
  placeholder?: string;
  suggestions?: string[];
  /** Shows asterisks instead of what is typed (passwords). */
  masked?: boolean;
  onChange?(value: string): void;
  onSubmit(value: string): void;
  /** Esc: leave the prompt without a value. */
  onCancel(): void;
}

/** A one-line text field after a label; Enter submits, Esc cancels. */
export function Prompt({ label, defaultValue, placeholder, suggestions, masked, onChange, onSubmit, onCancel }: PromptProps) {
  const theme = useTheme();
  useInput((_input, key) => {
    if (key.escape) onCancel();
  });
  return (
    <Box>
      <Text color={theme.accent}>{label} </Text>
      {masked ? (
        <PasswordInput placeholder={placeholder} onChange={onChange} onSubmit={onSubmit} />
      ) : (
        <TextInput defaultValue={defaultValue} placeholder={placeholder} suggestions={suggestions} onChange={onChange} onSubmit={onSubmit} />
      )}
    </Box>
  );
}
