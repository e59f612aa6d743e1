import { createContext, useContext } from 'react';
import { colourTheme, type Theme } from '../format/theme.js';

export { chooseTheme, type Outcome, type Theme } from '../format/theme.js';

export const ThemeContext = createContext<Theme>(colourTheme);

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
