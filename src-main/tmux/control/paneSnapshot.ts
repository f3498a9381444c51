/**
 * What a terminal needs to show a pane it starts watching: the pane's history, its screen (and the
 * normal screen behind an alternate one) and the modes a program set (cursor, mouse, keypad…).
 *
 * The captures and the state are taken by one command line on the watching control client, so tmux
 * runs them back to back with no pane output in between: every byte the pane wrote before is in the
 * snapshot, every byte after arrives as %output after the snapshot's replies. That is what makes the
 * restored screen join the live output without a seam.
 *
 * The captures go into tmux paste buffers, read afterwards over a separate pipe (save-buffer), never
 * as reply lines of the control client: a pane's text could otherwise forge protocol lines.
 */

/** Fields read with display-message, in this order, separated by spaces (all numbers). */
const STATE_FIELDS = [
  'history_size',
  'cursor_x',
  'cursor_y',
  'cursor_flag',
  'alternate_on',
  'alternate_saved_x',
  'alternate_saved_y',
  'keypad_cursor_flag',
  'keypad_flag',
  'insert_flag',
  'wrap_flag',
  'origin_flag',
  'mouse_standard_flag',
  'mouse_button_flag',
  'mouse_all_flag',
  'mouse_sgr_flag',
  'mouse_utf8_flag',
  'scroll_region_upper',
  'scroll_region_lower',
  'pane_width',
  'pane_height',
  'pane_dead',
] as const;

type StateField = (typeof STATE_FIELDS)[number];
export type PaneState = Record<StateField, number>;

export interface SnapshotBuffers {
  history: string;
  screen: string;
  /** The normal screen, saved while the alternate screen is shown. */
  normal: string;
}

/** Paste-buffer names for one snapshot; the prefix is Muxdeck's and random, never user data. */
export function snapshotBuffers(prefix: string): SnapshotBuffers {
  return { history: `${prefix}-h`, screen: `${prefix}-s`, normal: `${prefix}-n` };
}

/**
 * The snapshot as one control-mode command line: four commands, so four replies; the first (the
 * state) carries one body line. History is taken up to `historyLines` lines: what the terminal keeps. `target` is a validated pane target such as `=mx-1a2b:`.
 */
export function snapshotCommandLine(target: string, buffers: SnapshotBuffers, historyLines: number): string {
  const format = STATE_FIELDS.map((field) => `#{${field}}`).join(' ');
  return [
    `display-message -p -t ${target} '${format}'`,
    // -J joins lines tmux wrapped, so the terminal wraps them again at its own width.
    `capture-pane -e -J -S -${Math.max(1, Math.floor(historyLines))} -E -1 -b ${buffers.history} -t ${target}`,
    `capture-pane -e -b ${buffers.screen} -t ${target}`,
    // -a: the normal screen while a program (vim, less) shows the alternate one; -q: none is fine.
    `capture-pane -e -q -a -b ${buffers.normal} -t ${target}`,
  ].join(' ; ');
}

export const SNAPSHOT_REPLIES = 4;

export function parsePaneState(line: string | undefined): PaneState | undefined {
  const values = (line ?? '').trim().split(' ');
  if (values.length !== STATE_FIELDS.length || !values.every((v) => /^\d+$/.test(v))) return undefined;
  const state = {} as PaneState;
  STATE_FIELDS.forEach((field, index) => {
    state[field] = Number(values[index]);
  });
  return state;
}
