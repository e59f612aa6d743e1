import { createContext, useContext } from 'react';
import type { Outcome } from '../sessions/types.js';

export type { Outcome };

/** Colour names as Ink's `<Text color>` takes them; undefined means "the terminal's own colour". */
type Colour = string | undefined;

/**
 * Everything on screen that carries meaning by colour also carries it by a word or a glyph,
 * so the colourless theme is the same screens with the colours left out.
 */
export interface Theme {
  colour: boolean;
  accent: Colour;
  muted: Colour;
  success: Colour;
  warning: Colour;
  error: Colour;
  outcome: Record<Outcome, Colour>;
  /** Glyphs of bars and charts: block characters, or plain ASCII when the terminal is dumb. */
  barFull: string;
  barEmpty: string;
  sparkLevels: readonly string[];
  /** Marks the row under the cursor, so the selection shows without inverse video too. */
  pointer: string;
  /** Ends a value cut to fit its column or field. */
  ellipsis: string;
  /** Boxes (the help): rounded lines, or +-| on a dumb terminal. */
  border: 'round' | 'classic';
  /** After the header of the column a list is sorted by. */
  sortDown: string;
  sortUp: string;
  /** cli-spinners name: braille dots, or a turning ASCII line on a dumb terminal. */
  spinner: 'dots' | 'line';
}

const colourTheme: Theme = {
  colour: true,
  accent: 'cyan',
  muted: 'gray',
  success: 'green',
  warning: 'yellow',
  error: 'red',
  outcome: { booked: 'green', looked: 'yellow', browsed: 'blue' },
  barFull: '\u2588',
  barEmpty: '\u2591',
  sparkLevels: ['\u2581', '\u2582', '\u2583', '\u2584', '\u2585', '\u2586', '\u2587', '\u2588'],
  pointer: '>',
  ellipsis: '\u2026',
  border: 'round',
  sortDown: '\u2193',
  sortUp: '\u2191',
  spinner: 'dots',
};

const colourlessTheme: Theme = {
  ...colourTheme,
  colour: false,
  accent: undefined,
  muted: undefined,
  success: undefined,
  warning: undefined,
  error: undefined,
  outcome: { booked: undefined, looked: undefined, browsed: undefined },
};

const asciiTheme: Theme = {
  ...colourlessTheme,
  barFull: '#',
  barEmpty: '.',
  sparkLevels: ['_', '.', '-', '=', '+', '*', '#', '@'],
  ellipsis: '~',
  border: 'classic',
  sortDown: 'v',
  sortUp: '^',
  spinner: 'line',
};

export interface ThemeInputs {
  env: NodeJS.ProcessEnv;
  /** false when `--no-color` was given. */
  colorFlag?: boolean;
}

/** NO_COLOR (no-color.org: set and not empty), `--no-color` and TERM=dumb all give the colourless theme. */
export function chooseTheme({ env, colorFlag = true }: ThemeInputs): Theme {
  if (env.TERM === 'dumb') return asciiTheme;
  if (!colorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return colourlessTheme;
  return colourTheme;
}

export const ThemeContext = createContext<Theme>(colourTheme);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
