import type { ITerminalOptions } from '@xterm/xterm';
import {
  DEFAULT_TERMINAL_SETTINGS,
  effectiveFontSize,
  type TerminalSettings,
  type TerminalThemeName,
} from './terminalSettings.logic';
import { TERMINAL_THEMES } from './terminalThemes';
import type { CellSize } from './terminalSize';

/** Options that never change while a terminal lives. */
export const TERMINAL_OPTIONS: ITerminalOptions = {
  // A steady cursor, as Muxdeck's terminals always showed (tmux turned blinking off before the control-mode
  // data plane), and VS Code's default. A program can still ask for a blinking one (DECSCUSR, ?12h). A
  // blinking cursor is also a never-ending animation: without a GPU it keeps the page's main thread on
  // frame boundaries, which held every echo back by up to a frame (keystroke→echo p50 29.6 ms vs 7.7 ms).
  cursorBlink: false,
  // addon-search highlights matches with registerDecoration, which xterm 6 still marks as proposed.
  allowProposedApi: true,
};

/** Options that follow the user's settings; applied at creation and again whenever settings change. */
export function settingsOptions(settings: TerminalSettings, themeName: TerminalThemeName): ITerminalOptions {
  return {
    fontFamily: settings.fontFamily,
    fontSize: effectiveFontSize(settings),
    theme: TERMINAL_THEMES[themeName],
    // A setting (default 10,000 lines); tmux keeps at least as much, and prefills it on reattach.
    scrollback: settings.scrollback,
  };
}

/** A monospace cell is about 0.6em wide and 1.2em tall; only used before a terminal can be measured. */
export const ESTIMATED_CELL: CellSize = {
  width: DEFAULT_TERMINAL_SETTINGS.fontSize * 0.6,
  height: DEFAULT_TERMINAL_SETTINGS.fontSize * 1.2,
};
