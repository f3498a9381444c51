/**
 * Keeping a dropped session's last screen across a reconnect, and marking the seam. tmux's
 * respawn-pane clears the pane's visible screen (its history stays), so what was on screen at the drop
 * would vanish. Instead the screen is captured, and the pane restarts with a fixed shell script that
 * prints it, then the seam line (seamLine.ts), then execs the session's own command: the old screen
 * scrolls into the history as the new login appears, below a line saying the shell above is gone.
 *
 * A terminal attached in control mode is sent nothing by respawn-pane and still shows the old screen,
 * so the script first homes the cursor and clears the screen (CSI H, CSI 2J): printing the saved screen
 * then draws exactly what that terminal already shows, and what tmux's history gets is the same for
 * every viewer. tmux.conf's `scroll-on-clear off` keeps the clear from pushing a blank screen into it.
 */

/**
 * A constant script: the screen file, the seam line and the session's argv only ever arrive as
 * positional parameters, never as shell text. An empty screen file name means "no screen to print".
 */
const REPLAY_SCRIPT =
  "printf '\\033[H\\033[2J'; " +
  'if [ -n "$1" ] && [ -f "$1" ]; then cat -- "$1"; rm -f -- "$1"; fi; ' +
  'printf \'\\033[2m%s\\033[0m\\r\\n\' "$2"; shift 2; exec "$@"';

/** The pane command that clears, shows `screenFile` (if any and still there), prints `seam`, then runs `argv`. */
export function replayCommand(
  screenFile: string | undefined,
  seam: string,
  argv: readonly string[],
): string[] {
  return ['/bin/sh', '-c', REPLAY_SCRIPT, 'muxdeck-replay', screenFile ?? '', seam, ...argv];
}

/** The session's own argv stored with it, or undefined when absent or not an array of strings. */
export function storedArgv(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.length > 0 && parsed.every((item) => typeof item === 'string')
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The captured screen as it should be printed again: without tmux's own "Pane is dead" line and the
 * blank lines below the last output, each line ended for a terminal.
 */
export function screenToReplay(captured: string): string {
  const lines = captured.split('\n');
  // Escape sequences (colours) do not count as text; ESC is built from its code for no-control-regex.
  const csi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');
  const text = (line: string) => line.replace(csi, '');
  while (lines.length > 0 && /^\s*$|^Pane is dead/.test(text(lines.at(-1) ?? ''))) lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}
