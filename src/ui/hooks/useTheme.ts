/** Colours, or none at all when NO_COLOR is set. */
import { createContext, useContext } from 'react';

/** Named colours the components use; undefined means "terminal default". */
export interface Theme {
  accent?: string;
  ok?: string;
  error?: string;
  warn?: string;
  dim: boolean;
}

/** The coloured theme. */
export const colorTheme: Theme = {
  accent: 'cyan',
  ok: 'green',
  error: 'red',
  warn: 'yellow',
  dim: true,
};
/** The theme under NO_COLOR: no colour, no dimming. */
export const plainTheme: Theme = { dim: false };

/** Picks the theme for an environment (https://no-color.org: any non-empty NO_COLOR). */
export function themeFor(env: Record<string, string | undefined>): Theme {
  return env.NO_COLOR ? plainTheme : colorTheme;
}

/** Provides the theme to the component tree. */
export const ThemeContext = createContext<Theme>(colorTheme);

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
