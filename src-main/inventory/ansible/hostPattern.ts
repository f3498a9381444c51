/**
 * A host entry as ansible reads it: `name`, `name:port`, `1.2.3.4:port`, `[v6]:port`,
 * with ranges. Ported from parsing/utils/addresses.py (parse_address) and
 * BaseInventoryPlugin._expand_hostpattern: when the entry is not a recognisable address
 * the whole text, port included, is the host name, as in ansible.
 */
import { expandHostRange, hasHostRange } from './hostRange';
import { PYTHON_WORD_CLASS } from './pythonText';

const NUMERIC_RANGE = String.raw`\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const HEX_RANGE = String.raw`\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]`;
const ALNUM_RANGE = String.raw`\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const IPV6_PART = `(?:[0-9a-f]{1,4}|${HEX_RANGE})`;
const IPV4_PART = `(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|${NUMERIC_RANGE})`;
const WORD = `[${PYTHON_WORD_CLASS}]`;
const LABEL = `(?:${WORD}|${ALNUM_RANGE})(?:${WORD}|[_-]|${ALNUM_RANGE})*(?<![_-])`;

const BRACKETED_HOSTPORT = /^\[(.+)\]:([0-9]+)$/;
const HOSTPORT = /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/;
const IPV4 = new RegExp(`^(?:${IPV4_PART}\\.){3}${IPV4_PART}$`, 'i');
/**
 * ansible's IPv6 pattern is `^a|b|...|z$` without a group, so only the first alternative
 * is anchored at both ends and the others need only match a prefix ("fe80::1%eth0" passes
 * on its "fe80::"). re.match anchors every alternative at the start.
 */
const IPV6 = new RegExp(
  '^(?:' +
    [
      `(?:${IPV6_PART}:){7}${IPV6_PART}`,
      `(?:${IPV6_PART}:){1,6}:`,
      `(?:${IPV6_PART}:)(?::${IPV6_PART}){1,6}`,
      `(?:${IPV6_PART}:){2}(?::${IPV6_PART}){1,5}`,
      `(?:${IPV6_PART}:){3}(?::${IPV6_PART}){1,4}`,
      `(?:${IPV6_PART}:){4}(?::${IPV6_PART}){1,3}`,
      `(?:${IPV6_PART}:){5}(?::${IPV6_PART}){1,2}`,
      `(?:${IPV6_PART}:){6}(?::${IPV6_PART})`,
      `:(?::${IPV6_PART}){1,6}`,
      `${IPV6_PART}?::`,
      `(?:0:){6}(?:${IPV6_PART}\\.){3}${IPV6_PART}`,
      `::(?:ffff:)?(?:${IPV6_PART}\\.){3}${IPV6_PART}`,
      `(?:0:){5}ffff:(?:${IPV6_PART}\\.){3}${IPV6_PART}$`,
    ].join('|') +
    ')',
  'i',
);
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, 'iu');

export interface HostPattern {
  hostnames: string[];
  /** The port written after the name, as ansible reads it (it may be any size, or 0). */
  port?: bigint;
}

/** parse_address(address, allow_ranges=True); undefined where ansible raises. */
export function parseAddress(address: string): { host: string; port?: bigint } | undefined {
  let rest = address;
  let port: bigint | undefined;
  // Both forms are tried in turn: "[h:1]:2" ends as host "h", port 1.
  for (const pattern of [BRACKETED_HOSTPORT, HOSTPORT]) {
    const match = pattern.exec(rest);
    if (match) {
      rest = match[1] ?? '';
      port = BigInt(match[2] ?? '0');
    }
  }
  if (IPV4.test(rest) || IPV6.test(rest) || HOSTNAME.test(rest)) {
    return port === undefined ? { host: rest } : { host: rest, port };
  }
  return undefined;
}

/** `_expand_hostpattern`: the host names one entry stands for, and its port. */
export function expandHostPattern(pattern: string): HostPattern {
  const address = parseAddress(pattern);
  const name = address?.host ?? pattern;
  const hostnames = hasHostRange(name) ? expandHostRange(name) : [name];
  return address?.port === undefined ? { hostnames } : { hostnames, port: address.port };
}
