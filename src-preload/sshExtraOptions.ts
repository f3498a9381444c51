import { z } from 'zod';

/**
 * The ssh options a user may add to a host or folder (`-o Name=value`), each with the values it accepts.
 *
 * An allow-list, not a deny-list: every value ends up in ssh's argv, and some options run programs or load
 * libraries (ProxyCommand, LocalCommand, KnownHostsCommand, PKCS11Provider, SecurityKeyProvider), replace
 * Muxdeck's own machinery (ControlMaster/ControlPath/ControlPersist, RemoteCommand, RequestTTY) or turn
 * host-key checking off (StrictHostKeyChecking=no). Those stay out; a user who needs them has ~/.ssh/config.
 */
const YES_NO = /^(yes|no)$/;
const COUNT = /^\d{1,6}$/;
/** OpenSSH algorithm lists, optionally prefixed with + (append), - (remove) or ^ (put first). */
const ALGORITHMS = /^[+\-^]?[A-Za-z0-9@._-]{1,100}(,[A-Za-z0-9@._-]{1,100}){0,40}$/;
/** `[bind:]port` then `host:port` (or a socket path), as ssh_config's LocalForward/RemoteForward take them. */
const FORWARD =
  /^(\[?[A-Za-z0-9.:_-]{0,253}\]?:)?\d{1,5} (\[?[A-Za-z0-9._:-]{1,253}\]?:\d{1,5}|\/[A-Za-z0-9._/-]{1,200})$/;
const DYNAMIC_FORWARD = /^(\[?[A-Za-z0-9.:_-]{0,253}\]?:)?\d{1,5}$/;

export const SSH_EXTRA_OPTIONS = {
  AddKeysToAgent: { pattern: /^(yes|no|ask|confirm)$/, hint: 'yes, no, ask or confirm' },
  AddressFamily: { pattern: /^(any|inet|inet6)$/, hint: 'any, inet or inet6' },
  CheckHostIP: { pattern: YES_NO, hint: 'yes or no' },
  Ciphers: { pattern: ALGORITHMS, hint: 'a comma-separated list of ciphers' },
  Compression: { pattern: YES_NO, hint: 'yes or no' },
  ConnectTimeout: { pattern: COUNT, hint: 'a number of seconds' },
  ConnectionAttempts: { pattern: COUNT, hint: 'a number' },
  DynamicForward: { pattern: DYNAMIC_FORWARD, hint: '[bind:]port' },
  ExitOnForwardFailure: { pattern: YES_NO, hint: 'yes or no' },
  ForwardAgent: { pattern: YES_NO, hint: 'yes or no' },
  ForwardX11: { pattern: YES_NO, hint: 'yes or no' },
  ForwardX11Trusted: { pattern: YES_NO, hint: 'yes or no' },
  GSSAPIAuthentication: { pattern: YES_NO, hint: 'yes or no' },
  HostKeyAlgorithms: { pattern: ALGORITHMS, hint: 'a comma-separated list of algorithms' },
  IdentitiesOnly: { pattern: YES_NO, hint: 'yes or no' },
  KbdInteractiveAuthentication: { pattern: YES_NO, hint: 'yes or no' },
  KexAlgorithms: { pattern: ALGORITHMS, hint: 'a comma-separated list of algorithms' },
  LocalForward: { pattern: FORWARD, hint: '[bind:]port host:hostport' },
  LogLevel: {
    pattern: /^(QUIET|FATAL|ERROR|INFO|VERBOSE|DEBUG|DEBUG1|DEBUG2|DEBUG3)$/,
    hint: 'QUIET, FATAL, ERROR, INFO, VERBOSE or DEBUG1–3',
  },
  MACs: { pattern: ALGORITHMS, hint: 'a comma-separated list of MACs' },
  PasswordAuthentication: { pattern: YES_NO, hint: 'yes or no' },
  PreferredAuthentications: {
    pattern: /^[a-z-]{1,40}(,[a-z-]{1,40}){0,10}$/,
    hint: 'a comma-separated list such as publickey,password',
  },
  PubkeyAcceptedAlgorithms: { pattern: ALGORITHMS, hint: 'a comma-separated list of algorithms' },
  PubkeyAuthentication: { pattern: YES_NO, hint: 'yes or no' },
  RemoteForward: { pattern: FORWARD, hint: '[bind:]port host:hostport' },
  SendEnv: {
    pattern: /^[A-Za-z_][A-Za-z0-9_*]{0,63}( [A-Za-z_][A-Za-z0-9_*]{0,63}){0,20}$/,
    hint: 'environment variable names separated by spaces',
  },
  ServerAliveCountMax: { pattern: COUNT, hint: 'a number' },
  ServerAliveInterval: { pattern: COUNT, hint: 'a number of seconds' },
  StrictHostKeyChecking: {
    pattern: /^(yes|ask|accept-new)$/,
    hint: 'yes, ask or accept-new (Muxdeck never turns host-key checking off)',
  },
  TCPKeepAlive: { pattern: YES_NO, hint: 'yes or no' },
  UpdateHostKeys: { pattern: /^(yes|no|ask)$/, hint: 'yes, no or ask' },
  VisualHostKey: { pattern: YES_NO, hint: 'yes or no' },
} as const satisfies Record<string, { pattern: RegExp; hint: string }>;

export type SshExtraOptionName = keyof typeof SSH_EXTRA_OPTIONS;
export const SSH_EXTRA_OPTION_NAMES = Object.keys(SSH_EXTRA_OPTIONS) as SshExtraOptionName[];

function isExtraOptionName(name: string): name is SshExtraOptionName {
  return Object.hasOwn(SSH_EXTRA_OPTIONS, name);
}

/** Why `name=value` may not be passed to ssh, or undefined when it may. */
export function sshExtraOptionProblem(name: string, value: string): string | undefined {
  const canonical = SSH_EXTRA_OPTION_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
  if (!canonical || !isExtraOptionName(canonical)) {
    return `${name} is not an option Muxdeck passes to ssh (allowed: ${SSH_EXTRA_OPTION_NAMES.join(', ')}); put it in ~/.ssh/config instead`;
  }
  if (canonical !== name) return `write ${canonical}, not ${name}`;
  const rule = SSH_EXTRA_OPTIONS[canonical];
  return rule.pattern.test(value) ? undefined : `${canonical} takes ${rule.hint}`;
}

/** Extra ssh options of a host or folder: option name → value, every pair allowed and well formed. */
export const SshExtraOptions = z
  .record(z.string().max(64), z.string().max(600))
  .superRefine((options, ctx) => {
    const names = Object.keys(options);
    if (names.length > 32) ctx.addIssue({ code: 'custom', message: 'at most 32 extra ssh options' });
    for (const name of names) {
      const problem = sshExtraOptionProblem(name, options[name] ?? '');
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
  });
export type SshExtraOptions = z.infer<typeof SshExtraOptions>;

/**
 * The form's text, one `Name value` or `Name=value` per line (ssh_config's own syntax; # comments and
 * blank lines ignored), as options, or the first problem with its line number.
 */
export function parseSshExtraOptions(
  text: string,
): { ok: true; options: SshExtraOptions } | { ok: false; problem: string } {
  const options: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z0-9]+)\s*(?:=|\s)\s*(.*)$/.exec(line);
    const name = match?.[1];
    const value = match?.[2]?.trim();
    if (!name || !value)
      return { ok: false, problem: `line ${index + 1}: write Name value, e.g. ServerAliveInterval 30` };
    const problem = sshExtraOptionProblem(name, value);
    if (problem) return { ok: false, problem: `line ${index + 1}: ${problem}` };
    if (Object.hasOwn(options, name))
      return { ok: false, problem: `line ${index + 1}: ${name} is given twice` };
    options[name] = value;
  }
  return { ok: true, options };
}

/** The options as the form shows them, one `Name value` per line. */
export function formatSshExtraOptions(options: SshExtraOptions | undefined): string {
  return Object.entries(options ?? {})
    .map(([name, value]) => `${name} ${value}`)
    .join('\n');
}
