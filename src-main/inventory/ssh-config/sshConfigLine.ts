/** One meaningful line of an ssh_config file: a keyword and its arguments. */
export interface SshConfigLine {
  /** Lower-cased: ssh keywords are case-insensitive. */
  keyword: string;
  args: string[];
  file: string;
  line: number;
}

/**
 * Splits a line the way OpenSSH's readconf does: `Keyword args` or `Keyword=args`,
 * double-quoted arguments, and a `#` comment at the start of a word. Returns
 * undefined for blank and comment lines.
 */
export function parseSshConfigLine(text: string, file: string, line: number): SshConfigLine | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.startsWith('#')) return undefined;
  const keywordMatch = /^([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+|$)/.exec(trimmed);
  if (!keywordMatch?.[1]) return undefined;
  const keyword = keywordMatch[1].toLowerCase();
  return { keyword, args: splitArguments(trimmed.slice(keywordMatch[0].length)), file, line };
}

function splitArguments(rest: string): string[] {
  const args: string[] = [];
  let current = '';
  let inWord = false;
  let quoted = false;
  for (const ch of rest) {
    if (quoted) {
      if (ch === '"') quoted = false;
      else current += ch;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else if (ch === '#' && !inWord) {
      break;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) args.push(current);
  return args;
}
