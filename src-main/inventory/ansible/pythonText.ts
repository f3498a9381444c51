/**
 * The few bits of Python's str behaviour ansible's parsers lean on. JavaScript differs
 * just enough (trim() strips U+FEFF, sort() compares UTF-16 units, split('\n') ignores
 * \r and \v) to change which lines are comments or which group wins a tie.
 */

/** Characters for which Python's str.isspace() is true. */
const PYTHON_WHITESPACE = new Set(
  [
    '\t',
    '\n',
    '\v',
    '\f',
    '\r',
    '\x1c',
    '\x1d',
    '\x1e',
    '\x1f',
    ' ',
    '\x85',
    '\xa0',
    '\u1680',
    '\u2000',
    '\u2001',
    '\u2002',
    '\u2003',
    '\u2004',
    '\u2005',
    '\u2006',
    '\u2007',
    '\u2008',
    '\u2009',
    '\u200a',
    '\u2028',
    '\u2029',
    '\u202f',
    '\u205f',
    '\u3000',
  ].map((ch) => ch.codePointAt(0) ?? 0),
);

export function isPythonSpace(ch: string): boolean {
  return PYTHON_WHITESPACE.has(ch.codePointAt(0) ?? -1);
}

/** Python's str.strip() with no argument. */
export function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PYTHON_WHITESPACE.has(text.charCodeAt(start))) start++;
  while (end > start && PYTHON_WHITESPACE.has(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

const LINE_BREAK = new RegExp(
  '\\r\\n|[' + ['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'].join('') + ']',
);

/** Whether a string holds an ASCII control character (C0 or DEL), which no name or path should. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Python's str.splitlines(): the line boundaries ansible counts when it reports a line number. */
export function pythonSplitLines(text: string): string[] {
  const lines = text.split(LINE_BREAK);
  // splitlines() yields no empty last element for a trailing line break.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Python's default string ordering: by code point, not by UTF-16 unit. */
export function comparePythonStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate starts a code point above U+FFFF, which sorts after every BMP character.
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export function sortPythonStrings(values: Iterable<string>): string[] {
  return [...values].sort(comparePythonStrings);
}

/** Python's `\s` in a str pattern, as a character class body for a JavaScript regex. */
export const PYTHON_SPACE_CLASS = String.raw`\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;

/** Python's `\w` in a str pattern: letters and numbers of any script, and the underscore. */
export const PYTHON_WORD_CLASS = String.raw`\p{L}\p{N}_`;
