import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { hostNameProblem } from '../../ssh/hostNameValidation';
import { hasHiddenCharacters } from './displayText';
import type { ParsedSource } from './netboxConfig';
import type { NetboxIp, NetboxRecord } from './netboxRecord';

/**
 * Reading ssh settings out of NetBox objects. Everything here is hostile input: a value is
 * either returned in a form that is safe as one ssh argv element, or rejected with a reason
 * (which the mapper reports on the host). Nothing is ever interpreted by a shell.
 */
export type Checked<T> = { ok: true; value: T; note?: string } | { ok: false; reason: string };

/** The raw value a source points at; undefined when the object has none (null, empty, missing). */
export function sourceValue(record: NetboxRecord, source: ParsedSource): unknown {
  switch (source.from) {
    case 'primary-ip4':
      return record.primaryIp4?.address;
    case 'primary-ip6':
      return record.primaryIp6?.address;
    case 'primary-ip':
      return record.primaryIp?.address;
    case 'oob-ip':
      return record.oobIp?.address;
    case 'dns-name':
      return dnsNameOf(record);
    case 'name':
      return record.name ?? undefined;
    case 'cf':
      return emptyToUndefined(record.customFields[source.key]);
    case 'context':
      return emptyToUndefined(dig(record.configContext, source.path));
  }
}

export function describeSource(source: ParsedSource): string {
  switch (source.from) {
    case 'primary-ip4':
      return 'primary IPv4';
    case 'primary-ip6':
      return 'primary IPv6';
    case 'primary-ip':
      return 'primary IP';
    case 'oob-ip':
      return 'out-of-band IP';
    case 'dns-name':
      return 'DNS name of the primary IP';
    case 'name':
      return 'name';
    case 'cf':
      return `custom field ${source.key}`;
    case 'context':
      return `config context ${source.path.join('.')}`;
  }
}

function dnsNameOf(record: NetboxRecord): string | undefined {
  const ips: Array<NetboxIp | null> = [record.primaryIp, record.primaryIp4, record.primaryIp6];
  return ips.find((ip) => ip?.dnsName)?.dnsName;
}

function dig(root: Record<string, unknown> | null, path: readonly string[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function emptyToUndefined(value: unknown): unknown {
  return value === null || value === '' ? undefined : value;
}

/**
 * An address ssh can be given: an IP (CIDR length stripped, IPv4-mapped IPv6 turned into the
 * IPv4 it names) or a DNS host name (an internationalised one in its punycode form).
 */
export function checkAddress(value: unknown): Checked<string> {
  if (typeof value !== 'string') return { ok: false, reason: `${describe(value)} is not an address` };
  const text = value.trim();
  const withoutLength = text.replace(/\/\d{1,3}$/, '');
  const family = isIP(withoutLength);
  if (family === 6) {
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(withoutLength)?.[1];
    if (mapped && isIP(mapped) === 4) {
      return { ok: true, value: mapped, note: `${text} is an IPv4-mapped IPv6 address; using ${mapped}` };
    }
    return safe(withoutLength);
  }
  if (family === 4) return safe(withoutLength);
  if (/^[\d./]+$/.test(text)) {
    return {
      ok: false,
      reason: `${JSON.stringify(text)} is not a valid IPv4 address (zero-padded octets are read as octal by some tools)`,
    };
  }
  return checkHostName(text);
}

function checkHostName(text: string): Checked<string> {
  const name = text.replace(/\.$/, '');
  // eslint-disable-next-line no-control-regex -- ASCII is exactly the test here
  const isAscii = /^[\x00-\x7f]*$/.test(name);
  // IDNA would silently drop invisible characters and fold fullwidth letters: a name that
  // needs that is not what it looks like, so it is refused rather than rewritten.
  if (!isAscii && (hasHiddenCharacters(name) || name.normalize('NFKC') !== name)) {
    return {
      ok: false,
      reason: `${JSON.stringify(truncate(text))} is not a valid host name (hidden or look-alike characters)`,
    };
  }
  const ascii = isAscii ? name : domainToASCII(name);
  if (ascii === '') return { ok: false, reason: `${JSON.stringify(text)} is not a valid host name` };
  const labels = ascii.split('.');
  const validLabel = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;
  if (ascii.length > 253 || !labels.every((l) => validLabel.test(l))) {
    const problem = hostNameProblem(ascii);
    return {
      ok: false,
      reason: `${JSON.stringify(truncate(text))} is not a valid host name${problem ? ` (${problem})` : ''}`,
    };
  }
  const checked = safe(ascii);
  if (checked.ok && ascii !== name) return { ...checked, note: `${name} is used in its DNS form ${ascii}` };
  return checked;
}

function safe(address: string): Checked<string> {
  // Belt and braces: the same rule the session service applies before running ssh.
  const problem = hostNameProblem(address);
  return problem ? { ok: false, reason: problem } : { ok: true, value: address };
}

/** POSIX-ish user names, plus `@` for directory accounts; never an option, never a metacharacter. */
export function checkUser(value: unknown): Checked<string> {
  if (typeof value !== 'string') return { ok: false, reason: `${describe(value)} is not a user name` };
  const user = value.trim();
  if (!/^[A-Za-z0-9_.][A-Za-z0-9_.@-]{0,63}$/.test(user)) {
    return { ok: false, reason: `${JSON.stringify(truncate(value))} is not a valid ssh user name` };
  }
  return { ok: true, value: user };
}

export function checkPort(value: unknown): Checked<number> {
  const port =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, reason: `${describe(value)} is not a TCP port (1–65535)` };
  }
  return { ok: true, value: port };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(truncate(value));
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'a list' : 'an object';
  return String(value);
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
