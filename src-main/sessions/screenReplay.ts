/**
 * Keeping a dropped session's last screen across a reconnect. tmux's respawn-pane clears the pane's
 * visible screen (its history stays), so what was on screen at the drop would vanish. Instead the
 * screen is captured, and the pane restarts with a fixed shell script that prints it and then execs
 * the session's own command: the old screen scrolls into the history as the new login appears.
 */

/** A constant script: the session's argv only ever arrives as positional parameters, never as shell text. */
const REPLAY_SCRIPT = 'if [ -f "$1" ]; then cat -- "$1"; rm -f -- "$1"; fi; shift; exec "$@"';

/** The pane command that shows `screenFile` (if it still exists) and then runs `argv`. */
export function replayCommand(screenFile: string, argv: readonly string[]): string[] {
  return ['/bin/sh', '-c', REPLAY_SCRIPT, 'muxdeck-replay', screenFile, ...argv];
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
