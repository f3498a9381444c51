import type { ITerminalOptions, ITheme } from '@xterm/xterm';
import type { CellSize } from './terminalSize';

const FONT_SIZE = 13;

/** The terminal keeps its own theme (UX.md): dark whatever the window theme, as most terminals default. */
const DARK_THEME: ITheme = {
  background: '#1e1e1e',
  foreground: '#d4d4d4',
  cursor: '#d4d4d4',
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

export const TERMINAL_OPTIONS: ITerminalOptions = {
  fontFamily:
    "ui-monospace, 'Cascadia Mono', 'JetBrains Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
  fontSize: FONT_SIZE,
  theme: DARK_THEME,
  cursorBlink: true,
  // tmux keeps the long history; xterm's own scrollback holds what tmux redraws into it.
  scrollback: 10_000,
  allowProposedApi: false,
};

/** A monospace cell is about 0.6em wide and 1.2em tall; only used before a terminal can be measured. */
export const ESTIMATED_CELL: CellSize = { width: FONT_SIZE * 0.6, height: FONT_SIZE * 1.2 };
