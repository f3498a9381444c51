import { isAbsolute, join, sep } from 'node:path';
import type { FileReader } from '../../ports';

const WILDCARD = /[*?[]/;

/** glob(3)-style expansion of an absolute path whose components may hold *, ? and [...]; sorted like glob. */
export async function globPaths(pattern: string, files: FileReader): Promise<string[]> {
  if (!isAbsolute(pattern)) throw new Error(`globPaths needs an absolute path, got ${pattern}`);
  const segments = pattern.split(sep).filter(Boolean);
  let matches: string[] = [sep];
  for (const segment of segments) {
    if (!WILDCARD.test(segment)) {
      matches = matches.map((dir) => join(dir, segment));
      continue;
    }
    const matcher = globSegmentToRegExp(segment);
    const next: string[] = [];
    for (const dir of matches) {
      const entries = (await files.listDir(dir)).filter(
        (name) => matcher.test(name) && (!name.startsWith('.') || segment.startsWith('.')),
      );
      next.push(...entries.sort().map((name) => join(dir, name)));
    }
    matches = next;
  }
  return matches;
}

function globSegmentToRegExp(segment: string): RegExp {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] ?? '';
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      const body = segment
        .slice(i + 1, close)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      source += `[${body}]`;
      i = close;
    } else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
