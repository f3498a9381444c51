/**
 * Python's `shlex.split(s, comments=..., posix=True)`, which ansible's INI reader runs
 * on every host line and its ssh plugin on `ansible_ssh_*_args`. Ported state machine
 * by state machine, because the quirks are the contract: `#` inside a word ends the
 * line, a backslash outside quotes is eaten, `''` is an empty token.
 */

const WHITESPACE = ' \t\r\n';
const QUOTES = `'"`;
const ESCAPE = '\\';
const ESCAPED_QUOTES = '"';
const COMMENTERS = '#';

export class ShlexError extends Error {}

export function shlexSplit(text: string, options: { comments: boolean }): string[] {
  const commenters = options.comments ? COMMENTERS : '';
  const tokens: string[] = [];
  let pos = 0;
  let state: string | null = ' ';

  const read = (): string => (pos < text.length ? (text[pos++] ?? '') : '');
  const skipRestOfLine = (): void => {
    const nl = text.indexOf('\n', pos);
    pos = nl === -1 ? text.length : nl + 1;
  };

  for (;;) {
    let token = '';
    let quoted = false;
    let escapedState = ' ';
    if (state === null) break;
    state = ' ';
    let emitted = false;
    for (;;) {
      const ch = read();
      if (state === ' ') {
        if (!ch) {
          state = null;
          break;
        } else if (WHITESPACE.includes(ch)) {
          if (token || quoted) {
            emitted = true;
            break;
          }
        } else if (commenters.includes(ch)) {
          skipRestOfLine();
        } else if (ch === ESCAPE) {
          escapedState = 'a';
          state = ch;
        } else if (QUOTES.includes(ch)) {
          state = ch;
        } else {
          // whitespace_split: everything else starts a word.
          token = ch;
          state = 'a';
        }
      } else if (QUOTES.includes(state)) {
        quoted = true;
        if (!ch) throw new ShlexError('No closing quotation');
        if (ch === state) {
          state = 'a';
        } else if (ch === ESCAPE && ESCAPED_QUOTES.includes(state)) {
          escapedState = state;
          state = ch;
        } else {
          token += ch;
        }
      } else if (state === ESCAPE) {
        if (!ch) throw new ShlexError('No escaped character');
        // Inside double quotes only the quote itself and the backslash can be escaped.
        if (QUOTES.includes(escapedState) && ch !== state && ch !== escapedState) token += state;
        token += ch;
        state = escapedState;
      } else {
        // state 'a': inside a word.
        if (!ch) {
          state = null;
          break;
        } else if (WHITESPACE.includes(ch)) {
          state = ' ';
          if (token || quoted) {
            emitted = true;
            break;
          }
        } else if (commenters.includes(ch)) {
          skipRestOfLine();
          state = ' ';
          if (token || quoted) {
            emitted = true;
            break;
          }
        } else if (QUOTES.includes(ch)) {
          state = ch;
        } else if (ch === ESCAPE) {
          escapedState = 'a';
          state = ch;
        } else {
          token += ch;
        }
      }
    }
    // In posix mode an unquoted empty token is the end of input.
    if (emitted || token || quoted) tokens.push(token);
    else if (state === null) break;
  }
  return tokens;
}
