/**
 * A program under tmux is told its terminal is `screen-256color` (resources/tmux.conf), and tmux, when it
 * is the terminal that turns keys into bytes, sends Home and End as that terminfo says: `ESC [1~` and
 * `ESC [4~`. With tmux control mode, xterm.js's own bytes reach the program instead, and xterm.js sends
 * Home and End as xterm does (`ESC [H`, `ESC OH` …), which readline and vim read with TERM=screen as
 * nothing, or as something else. Only these whole keystrokes differ; every other key (arrows, function
 * keys, Delete, Page Up/Down, modified keys) is encoded the same by both.
 */
const TMUX_KEYS: Readonly<Record<string, string>> = {
  '\x1b[H': '\x1b[1~',
  '\x1bOH': '\x1b[1~',
  '\x1b[F': '\x1b[4~',
  '\x1bOF': '\x1b[4~',
};

/** The bytes tmux would have sent the program for this keystroke. */
export function keystrokeForTmuxPane(data: string): string {
  return TMUX_KEYS[data] ?? data;
}
