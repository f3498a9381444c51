import type { ITheme } from '@xterm/xterm';
import type { TerminalThemeName } from './terminalSettings.logic';

/** VS Code's dark terminal palette: familiar to most users and readable on a dark window. */
const DARK: ITheme = {
  background: '#1e1e1e',
  foreground: '#d4d4d4',
  cursor: '#d4d4d4',
  cursorAccent: '#1e1e1e',
  selectionBackground: '#264f78',
  black: '#000000',
  red: '#cd3131',
  green: '#0dbc79',
  yellow: '#e5e510',
  blue: '#2472c8',
  magenta: '#bc3fbc',
  cyan: '#11a8cd',
  white: '#e5e5e5',
  brightBlack: '#666666',
  brightRed: '#f14c4c',
  brightGreen: '#23d18b',
  brightYellow: '#f5f543',
  brightBlue: '#3b8eea',
  brightMagenta: '#d670d6',
  brightCyan: '#29b8db',
  brightWhite: '#e5e5e5',
};

/** VS Code's light terminal palette: yellow and white are darkened so prompts stay legible on white. */
const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#333333',
  cursor: '#333333',
  cursorAccent: '#ffffff',
  selectionBackground: '#add6ff',
  black: '#000000',
  red: '#cd3131',
  green: '#107c10',
  yellow: '#949800',
  blue: '#0451a5',
  magenta: '#bc05bc',
  cyan: '#0598bc',
  white: '#555555',
  brightBlack: '#666666',
  brightRed: '#cd3131',
  brightGreen: '#14ce14',
  brightYellow: '#b5ba00',
  brightBlue: '#0451a5',
  brightMagenta: '#bc05bc',
  brightCyan: '#0598bc',
  brightWhite: '#a5a5a5',
};

export const TERMINAL_THEMES: Readonly<Record<TerminalThemeName, ITheme>> = { dark: DARK, light: LIGHT };

/** Search highlights must be #RRGGBB (addon-search); one set per palette so matches stay visible. */
export const SEARCH_COLORS: Readonly<
  Record<TerminalThemeName, { match: string; active: string; ruler: string; activeRuler: string }>
> = {
  dark: { match: '#623315', active: '#a0522d', ruler: '#d18616', activeRuler: '#ffa500' },
  light: { match: '#ffe792', active: '#f8c700', ruler: '#d18616', activeRuler: '#b58900' },
};
