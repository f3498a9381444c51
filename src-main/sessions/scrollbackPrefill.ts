/**
 * After a restart, xterm.js starts empty while tmux still holds the session's history.
 * Writing that history into the terminal before the tmux client draws the screen lets the
 * user scroll back past the reattach, as if the window had never closed.
 */

/** More than this many lines would slow the attach for little use; xterm keeps 10k by default. */
export const PREFILL_MAX_LINES = 10_000;

/**
 * Turns `capture-pane -p -e -J -S - -E -1` output (the history above the screen, with colours)
 * into terminal data: CRLF line ends, trailing blank lines dropped, then enough newlines to push
 * it all into the scrollback so the client's redraw of the screen does not cover it.
 */
export function prefillData(history: string, rows: number, maxLines = PREFILL_MAX_LINES): string {
  const lines = history.replace(/\n+$/, '').split('\n');
  if (lines.length === 1 && lines[0]?.trim() === '') return '';
  const kept = lines.slice(-maxLines);
  return `${kept.join('\x1b[0m\r\n')}\x1b[0m${'\r\n'.repeat(rows)}`;
}
