/**
 * The line a reconnect leaves in the scrollback, so whoever scrolls back (or was in `sudo -i` or a
 * virtualenv) sees that the shell above it is gone and the one below is a new login.
 */
const SEAM_START = '— connection lost ';
const SEAM_PATTERN = /— connection lost \d\d:\d\d:\d\d · new session \d\d:\d\d:\d\d —/;

/** "— connection lost 21:33:04 · new session 21:33:05 —", in the machine's local time. */
export function seamLine(lostAt: number, newAt: number): string {
  return `${SEAM_START}${localTime(lostAt)} · new session ${localTime(newAt)} —`;
}

/**
 * What a pane printed since its last seam line: the words of the ssh that runs (or ran) now, not of
 * one before a reconnect, whose last screen was printed again above the seam.
 */
export function afterLastSeam(text: string): string {
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    if (SEAM_PATTERN.test(lines[index] ?? '')) return lines.slice(index + 1).join('\n');
  }
  return text;
}

function localTime(ms: number): string {
  const date = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}
