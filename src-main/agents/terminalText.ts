/**
 * A pane's raw output as plain text for an agent: escape sequences (colours, cursor moves, titles)
 * removed, CRLF as LF, and a line redrawn with CR (progress bars) kept as its last state.
 */
const ESCAPES = new RegExp(
  [
    '\\x1b\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)', // OSC … BEL / ST
    '\\x1b[P^_X][^\\x1b]*\\x1b\\\\', // DCS, PM, APC, SOS … ST
    '\\x1b\\[[0-?]*[ -/]*[@-~]', // CSI
    '\\x9b[0-?]*[ -/]*[@-~]', // 8-bit CSI
    '\\x1b[()*+][0-~]', // charset designation
    '\\x1b[ -/]*[0-~]', // any other escape
  ].join('|'),
  'g',
);

export function terminalText(raw: string): string {
  const stripped = raw.replace(ESCAPES, '');
  return stripped
    .split('\n')
    .map((line) => {
      const withoutCr = line.replace(/\r+$/, '');
      const parts = withoutCr.split('\r');
      const last = [...parts].reverse().find((part) => part.length > 0) ?? '';
      // Other control characters (bell, backspace, stray escapes) carry nothing an agent can read.
      // eslint-disable-next-line no-control-regex
      return last.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
    })
    .join('\n');
}
