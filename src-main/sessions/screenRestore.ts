import type { PaneState } from '../tmux/control/paneSnapshot';

/**
 * Turns a pane snapshot (paneSnapshot.ts) into terminal data that puts a fresh xterm.js exactly where
 * the pane is: history in the scrollback, the screen row by row, the cursor and the modes the program
 * set. Written before any live output, so what follows continues it seamlessly.
 */

const RESET = '\x1bc';
const SGR_RESET = '\x1b[0m';
const LINE_END = `${SGR_RESET}\r\n`;

export interface ScreenRestoreInput {
  state: PaneState;
  history: string;
  screen: string;
  normal: string;
  /** At most this many history lines: what the terminal's scrollback can hold. */
  maxHistoryLines: number;
}

/** capture-pane ends every line with a newline; the last one ends the text, it is not a line. */
function lines(captured: string): string[] {
  if (captured === '') return [];
  const all = captured.split('\n');
  if (all.at(-1) === '') all.pop();
  return all;
}

function screenRows(captured: string, rows: number): string[] {
  const all = lines(captured).slice(0, rows);
  while (all.length < rows) all.push('');
  return all;
}

function modes(state: PaneState): string {
  let out = '';
  if (state.scroll_region_upper !== 0 || state.scroll_region_lower !== state.pane_height - 1)
    out += `\x1b[${state.scroll_region_upper + 1};${state.scroll_region_lower + 1}r`;
  if (state.origin_flag) out += '\x1b[?6h';
  if (!state.wrap_flag) out += '\x1b[?7l';
  if (state.insert_flag) out += '\x1b[4h';
  if (state.keypad_cursor_flag) out += '\x1b[?1h';
  if (state.keypad_flag) out += '\x1b=';
  if (state.mouse_standard_flag) out += '\x1b[?1000h';
  if (state.mouse_button_flag) out += '\x1b[?1002h';
  if (state.mouse_all_flag) out += '\x1b[?1003h';
  if (state.mouse_utf8_flag) out += '\x1b[?1005h';
  if (state.mouse_sgr_flag) out += '\x1b[?1006h';
  const row = state.origin_flag ? state.cursor_y - state.scroll_region_upper : state.cursor_y;
  out += `\x1b[${row + 1};${state.cursor_x + 1}H`;
  if (!state.cursor_flag) out += '\x1b[?25l';
  return out;
}

export function restoreScreen(input: ScreenRestoreInput): string {
  const { state } = input;
  const rows = state.pane_height;
  // tmux answers a history capture with the first screen row when there is no history at all.
  const history = state.history_size > 0 ? lines(input.history).slice(-input.maxHistoryLines) : [];
  let out = RESET;
  for (const line of history) out += line + LINE_END;
  if (state.alternate_on) {
    out += screenRows(input.normal, rows).join(LINE_END) + SGR_RESET;
    out += `\x1b[${state.alternate_saved_y + 1};${state.alternate_saved_x + 1}H\x1b[?1049h`;
    screenRows(input.screen, rows).forEach((line, row) => {
      out += `\x1b[${row + 1};1H${line}${SGR_RESET}`;
    });
  } else {
    out += screenRows(input.screen, rows).join(LINE_END) + SGR_RESET;
  }
  return out + modes(state);
}
