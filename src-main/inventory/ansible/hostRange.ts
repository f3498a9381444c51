/**
 * ansible's `expand_hostname_range`: `web[01:20]`, `db-[a:f]`, `h[1:10:2]`, and several
 * ranges in one name, which multiply. Ported from plugins/inventory/__init__.py including
 * its oddities (an empty begin means 0, `[5:1]` yields nothing, a negative step counts
 * down and stops before the end). Unlike ansible, a range is bounded: inventory data is
 * hostile, and `h[1:99999999999]` must not freeze the app.
 */

/** The most host names one pattern may expand to. */
export const MAX_RANGE_HOSTS = 100_000;

const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export class HostRangeError extends Error {}

export function hasHostRange(pattern: string): boolean {
  return pattern.includes('[');
}

export function expandHostRange(pattern: string, limit = MAX_RANGE_HOSTS): string[] {
  const hosts: string[] = [];
  expandInto(pattern, hosts, limit);
  return hosts;
}

function expandInto(line: string, out: string[], limit: number): void {
  // Python: line.replace('[', '|', 1).replace(']', '|', 1).split('|') must give three parts.
  const marked = line.replace('[', '|').replace(']', '|');
  const parts = marked.split('|');
  if (parts.length !== 3) throw new HostRangeError(`invalid host range in ${JSON.stringify(line)}`);
  const [head = '', range = '', tail = ''] = parts;
  const bounds = range.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) {
    throw new HostRangeError('host range must be begin:end or begin:end:step');
  }
  const begin = bounds[0] || '0';
  const end = bounds[1] ?? '';
  const step = bounds[2] ?? '1';
  if (!end) throw new HostRangeError('host range must specify end value');
  let width = 0;
  if (begin[0] === '0' && begin.length > 1) {
    if (begin.length !== end.length) {
      throw new HostRangeError('host range must specify equal-length begin and end formats');
    }
    width = begin.length;
  }
  for (const item of rangeItems(begin, end, step, limit)) {
    const name = head + (typeof item === 'string' ? item : zeroFill(item, width)) + tail;
    if (hasHostRange(name)) expandInto(name, out, limit);
    else out.push(name);
    if (out.length > limit) {
      throw new HostRangeError(`the host range expands to more than ${limit} hosts; Muxdeck stops there`);
    }
  }
}

function* rangeItems(begin: string, end: string, step: string, limit: number): Iterable<string | bigint> {
  const letters = letterRange(begin, end, step);
  if (letters !== undefined) {
    yield* letters;
    return;
  }
  const from = pythonInt(begin);
  const to = pythonInt(end) + 1n;
  const by = pythonInt(step);
  if (by === 0n) throw new HostRangeError('host range step must not be zero');
  const count = by > 0n ? ceilDiv(to - from, by) : ceilDiv(from - to, -by);
  if (count > BigInt(limit)) {
    throw new HostRangeError(`the host range has ${count} values; Muxdeck reads at most ${limit}`);
  }
  for (let value = from, i = 0n; i < count; i++, value += by) yield value;
}

/** `string.ascii_letters.index(...)`: a substring search, so `[a:Z]` spans both cases. */
function letterRange(begin: string, end: string, step: string): string[] | undefined {
  const first = ASCII_LETTERS.indexOf(begin);
  const last = ASCII_LETTERS.indexOf(end);
  if (first === -1 || last === -1) return undefined;
  if (first > last) throw new HostRangeError('host range must have begin <= end');
  let by: bigint;
  try {
    by = pythonInt(step);
  } catch {
    return undefined; // Python falls through to the numeric branch, which then fails on the letters.
  }
  if (by === 0n) return undefined;
  const letters: string[] = [];
  if (by < 0n) return letters;
  for (let i = first; i <= last; i += Number(by)) letters.push(ASCII_LETTERS[i] ?? '');
  return letters;
}

/** Python's int(str): surrounding white space, a sign, digits with single underscores. */
function pythonInt(text: string): bigint {
  const match = /^\s*([+-]?)([0-9]+(?:_[0-9]+)*)\s*$/.exec(text);
  if (!match) throw new HostRangeError(`invalid literal for a host range: ${JSON.stringify(text)}`);
  const digits = (match[2] ?? '').replace(/_/g, '');
  return match[1] === '-' ? -BigInt(digits) : BigInt(digits);
}

function ceilDiv(a: bigint, b: bigint): bigint {
  if (a <= 0n) return 0n;
  return (a + b - 1n) / b;
}

/** Python's str(n).zfill(width): pads after the sign. */
function zeroFill(value: bigint, width: number): string {
  const text = value < 0n ? (-value).toString() : value.toString();
  const sign = value < 0n ? '-' : '';
  return sign + text.padStart(Math.max(0, width - sign.length), '0');
}
