import type { Hint } from '../components/footer.js';
import type { HelpContent } from '../components/help-overlay.js';
import { createContext, useContext } from 'react';

export interface PromptRequest {
  label: string;
  defaultValue?: string;
  placeholder?: string;
  /** Every change as it is typed (a live filter). */
  onChange?(value: string): void;
  onSubmit(value: string): void;
  /** Esc: the prompt closes with no value. */
  onCancel?(): void;
  /** What was wrong with the value typed before (`defaultValue`), shown under the prompt. */
  problem?: string;
}

/** What a browser screen can ask of the frame around it: one prompt line and one message line for all screens. */
export interface BrowserActions {
  ask(request: PromptRequest): void;
  say(text: string, options?: { isError?: boolean }): void;
}

export const BrowserContext = createContext<BrowserActions>({ ask() {}, say() {} });

export function useBrowser(): BrowserActions {
  return useContext(BrowserContext);
}

/** What the browser frame gives every screen. */
export interface ScreenProps {
  /** False while a prompt or the help is open: the screen's keys are off. */
  isActive: boolean;
  width: number;
  /** Lines the screen may use, its footer included. */
  height: number;
  onBack(): void;
}

/** A screen's keys for the help overlay (`?`) and its footer. */
export interface ScreenHelp extends HelpContent {
  /** The footer's reminders, most useful first. */
  footer: readonly Hint[];
  /** The footer's last hint, how to reach the help: `? help` unless the screen types `?`. */
  help?: Hint;
}
