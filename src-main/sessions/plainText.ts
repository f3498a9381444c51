/** ESC built from its code, for no-control-regex. */
const ESC = String.fromCharCode(27);
const SEQUENCES = new RegExp(
  `${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${String.fromCharCode(7)}${ESC}]*(?:${String.fromCharCode(7)}|${ESC}\\\\)?|${ESC}[()][A-Za-z0-9]|${ESC}[=>78]`,
  'g',
);

/**
 * A terminal stream as the lines a person reads: escape sequences removed, CRLF as LF. Enough to find
 * ssh's own words in a direct session's output, where no tmux renders a screen to capture.
 */
export function plainText(stream: string): string {
  return stream.replace(SEQUENCES, '').replace(/\r+\n/g, '\n').replace(/\r/g, '\n');
}
