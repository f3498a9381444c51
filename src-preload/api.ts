/**
 * THE contract between Muxdeck's renderer and its main-process services.
 *
 * Every request channel, its parameters and its result, every event, and the
 * wire envelope of serve mode are declared here once, with runtime schemas.
 * The main process validates every incoming payload against these schemas
 * (src-main/router), the preload only forwards channels listed here, and the
 * renderer's client is typed from them. Nothing else may define a channel.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------
// Limits every payload obeys before any schema looks at it

/**
 * Names that reach or replace an object's prototype when used as a key of a plain object. No id and no
 * record key of the contract may be one of them: the main process keeps user-keyed records, and one such
 * key written through `record[id] ??= {}` lands on Object.prototype (security review, issue 11).
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
export const isReservedKey = (key: string): boolean => RESERVED_KEYS.includes(key);
const notReserved = (key: string) => !isReservedKey(key);
const RESERVED_MESSAGE = 'must not be __proto__, constructor or prototype';
/** A key of a record keyed by user data. */
export const RecordKey = z.string().max(2048).refine(notReserved, RESERVED_MESSAGE);

/**
 * Deepest nesting of arrays and objects a request payload may have. Far above any real request (a
 * layout of MAX_LAYOUT_DEPTH splits is about 2 * MAX_LAYOUT_DEPTH + 6 deep), far below what overflows
 * the stack of a recursive schema: zod recursed out of stack at ~700 split levels (issue 11).
 */
export const MAX_PAYLOAD_DEPTH = 100;

/**
 * Whether `value` nests arrays and objects deeper than `maxDepth` (the value itself is depth 1).
 * Iterative, so it can measure what a recursive walk could not; it stops at the first path too deep.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > maxDepth) return true;
    const children: unknown[] = Array.isArray(next.value) ? next.value : Object.values(next.value);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) pending.push({ value: child, depth: next.depth + 1 });
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Models

export const HostSourceKind = z.enum(['ssh-config', 'manual', 'ansible', 'netbox']);
export type HostSourceKind = z.infer<typeof HostSourceKind>;

export const Host = z.object({
  /** Stable id: `<source id>:<natural key>`; the user's overlay refers to hosts by it. */
  id: z.string().min(1).max(1024),
  label: z.string(),
  /** What the user reads as "where": user@address:port. Display only; ssh resolves the real one. */
  address: z.string().optional(),
  user: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  sourceId: z.string(),
  /** Folder path inside its source, outermost first. */
  groups: z.array(z.string()),
  /**
   * Set when the host cannot be connected to as declared (e.g. its name would be
   * read as an ssh option). The tree still shows it, so nothing silently vanishes.
   */
  problem: z.string().optional(),
  /** --- sources --- ssh settings a synced source declares (ansible_ssh_private_key_file, ProxyJump). */
  identityFile: z.string().optional(),
  jumpHost: z.string().optional(),
  /** A ProxyCommand the source declares: always shown; passed to ssh only when the source allows it. */
  proxyCommand: z.object({ command: z.string(), allowed: z.boolean() }).optional(),
  /** A non-ssh ansible_connection (winrm, network_cli, local...): the tree marks the host. */
  connection: z.string().optional(),
  /** Further folder paths of a host that is in several groups: it appears in each, as one host. */
  otherGroups: z.array(z.array(z.string())).optional(),
});
export type Host = z.infer<typeof Host>;

export const SourceStatus = z.object({
  id: z.string(),
  kind: HostSourceKind,
  label: z.string(),
  hostCount: z.number().int().min(0),
  /** Where the source reads from (a file path or URL), for the user's orientation. */
  location: z.string().optional(),
  error: z.string().optional(),
  /** --- sources --- hosts shown are the last good ones: the latest sync failed (error says why). */
  stale: z.boolean().optional(),
  lastSyncAt: z.number().int().optional(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export const SessionState = z.enum(['running', 'exited']);
export type SessionState = z.infer<typeof SessionState>;

/**
 * Health of the connection behind a session, as the user reads it on the tab and in the tree:
 * connecting (ssh started, not yet authenticated), connected, disconnected (the connection
 * dropped; Muxdeck may be retrying), error (it cannot work without the user: auth failed,
 * host key changed, host unknown...).
 */
export const ConnectionStatus = z.enum(['connecting', 'connected', 'disconnected', 'error']);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const PersistenceMode = z.enum(['local', 'remote', 'direct']);
export type PersistenceMode = z.infer<typeof PersistenceMode>;

/**
 * How a session ended, told apart so each ending gets the right words and the right follow-up:
 * exited: the user's program ended (ssh returns its status); connect-failed: ssh never got a session
 * (refused, unreachable, DNS, negotiation, host key, authentication, jump host, configuration, or
 * Muxdeck's connect deadline); dropped: a connection that had been up was lost (only these are
 * retried); unknown: Muxdeck could not tell, so the pane is kept and nothing is assumed.
 */
export const SessionEndingKind = z.enum(['exited', 'connect-failed', 'dropped', 'unknown']);
export type SessionEndingKind = z.infer<typeof SessionEndingKind>;

export const ConnectFailureCause = z.enum([
  'refused',
  'unreachable',
  'dns',
  'negotiation',
  'host-key',
  'auth',
  'jump',
  'config',
  'deadline',
  'closed',
  'other',
]);
export type ConnectFailureCause = z.infer<typeof ConnectFailureCause>;

export const SessionEnding = z.object({
  kind: SessionEndingKind,
  /** What failed, for connect-failed. */
  cause: ConnectFailureCause.optional(),
  /** The program's exit status as ssh returned it, when tmux recorded one. */
  exitStatus: z.number().int().optional(),
  /** The signal that ended ssh, when one did. */
  signal: z.number().int().optional(),
  /** ssh's own words: the line of the pane that told what happened. */
  message: z.string().max(2000).optional(),
  /** When Muxdeck judged the ending (ms since epoch). */
  at: z.number().int(),
});
export type SessionEnding = z.infer<typeof SessionEnding>;

/** When Muxdeck stops waiting for a connection, and whose limit that is. */
export const ConnectDeadline = z.object({
  seconds: z.number().int().min(1),
  /** ssh-config: the host's ConnectTimeout (from `ssh -G`); setting: Settings → connect deadline. */
  source: z.enum(['ssh-config', 'setting']),
});
export type ConnectDeadline = z.infer<typeof ConnectDeadline>;

/** How long the status says "reconnected" after a dropped session connected again. */
export const RECONNECTED_NOTICE_MS = 10_000;

export const SessionInfo = z.object({
  /** The tmux session name: the tmux server alone is enough to rebuild the UI. */
  id: z.string(),
  hostId: z.string(),
  label: z.string(),
  createdAt: z.number().int(),
  /** Whether the pane's program (ssh) is still running; a dead pane keeps its last screen. */
  state: SessionState,
  exitStatus: z.number().int().optional(),
  attachedClients: z.number().int().min(0),
  mode: PersistenceMode.default('local'),
  status: ConnectionStatus.default('connecting'),
  /** Why the status is what it is, in words for the user ("Connection refused", "Permission denied"). */
  reason: z.string().optional(),
  /** When the status last changed (ms since epoch). */
  statusSince: z.number().int().optional(),
  connectedAt: z.number().int().optional(),
  /** Where this session's output is logged, when logging is on for its host. */
  logFile: z.string().optional(),
  /** How the last run of ssh in this session ended; absent while it runs for the first time. */
  ending: SessionEnding.optional(),
  /** The connect deadline of this session's attempts (the elapsed time shows against it). */
  connectDeadline: ConnectDeadline.optional(),
  /** When a dropped session connected again: a new login, the old shell's context is gone. */
  reconnectedAt: z.number().int().optional(),
  /**
   * Set when an AI agent opened the session (`muxdeck mcp`): the tab shows a badge and the client, and
   * `doing` what it is doing now ("exec `systemctl status nginx`"), absent between commands.
   */
  agent: z.object({ client: z.string(), doing: z.string().optional() }).optional(),
  /** The human shared this session with agents ("Share with agents" on its tab): they may see and type. */
  sharedWithAgents: z.boolean().optional(),
  /** Present while Muxdeck retries a dropped connection. */
  reconnect: z
    .object({
      attempt: z.number().int().min(1),
      maxAttempts: z.number().int().min(0),
      nextAt: z.number().int().optional(),
    })
    .optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

// ---------------------------------------------------------------------------
// --- tree & store ---
// The user's own tree laid over the synced hosts (folders, favourites, recent, per-host overrides,
// notes, inherited settings) and the durable store behind it. Owned by src-main/tree and src-main/store.

/**
 * Field rules shared by the main process (authoritative, plus hostNameProblem for host names) and the
 * renderer's forms (inline validation as the user types). Every value may end up in ssh's argv.
 */
const noControl = (value: string) =>
  ![...value].some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f;
  });
/** The characters of DNS names, IPv4/IPv6 addresses with zone and brackets: hostNameValidation.ts's set minus `@`. */
const HOST_NAME_CHARS = /^[A-Za-z0-9._:%+\-[\]]+$/;
const USER_CHARS = /^[A-Za-z0-9._@+-]+$/;
const JUMP_ENTRY = /^([A-Za-z0-9._+-]+@)?[A-Za-z0-9._%+\-[\]]+(:\d{1,5})?$/;
const notOption = (value: string) => !value.startsWith('-');
const trimmed = (max: number) =>
  z.string().trim().max(max).refine(noControl, 'must not contain control characters');

export const treeFields = {
  label: trimmed(200).min(1, 'a name is required'),
  hostName: z
    .string()
    .trim()
    .min(1, 'a host name or address is required')
    .max(253, 'at most 253 characters')
    .refine(notOption, 'must not start with "-" (ssh would read it as an option)')
    .refine((v) => !v.includes('@'), 'put the user in the User field, not before "@"')
    .refine((v) => HOST_NAME_CHARS.test(v), 'only letters, digits and . - _ : % + [ ] are allowed'),
  user: z
    .string()
    .trim()
    .min(1)
    .max(64, 'at most 64 characters')
    .refine(notOption, 'must not start with "-"')
    .refine((v) => USER_CHARS.test(v), 'no spaces; only letters, digits and . _ @ + - are allowed'),
  port: z.number().int('a whole number').min(1, 'from 1 to 65535').max(65535, 'from 1 to 65535'),
  identityFile: trimmed(1024).min(1).refine(notOption, 'must not start with "-"'),
  jumpHost: z
    .string()
    .trim()
    .min(1)
    .max(1024)
    .refine(notOption, 'must not start with "-"')
    .refine(
      (v) => v.split(',').every((entry) => notOption(entry) && JUMP_ENTRY.test(entry)),
      'use [user@]host[:port], several separated by commas',
    ),
  tag: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine((v) => noControl(v) && !/[\s,]/.test(v), 'tags have no spaces or commas'),
  notes: z.string().max(20_000, 'at most 20,000 characters'),
} as const;

// ---------------------------------------------------------------------------
// Extra ssh options (host and folder settings)

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

/** The listening side of a forward (`[bind:]port`) and, for Local/RemoteForward, its target. */
export function sshForwardParts(value: string): { bind?: string; port: string; target?: string } {
  const [listen = '', target] = value.split(' ');
  const colon = listen.lastIndexOf(':');
  const port = listen.slice(colon + 1);
  if (colon === -1) return { port, ...(target ? { target } : {}) };
  return { bind: listen.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port, ...(target ? { target } : {}) };
}

/**
 * A bind address that stays on this machine. ssh reads no address as loopback (unless GatewayPorts), and an
 * empty one or `*` as every interface.
 */
export function isLoopbackBind(bind: string | undefined): boolean {
  if (bind === undefined) return true;
  const address = bind.toLowerCase();
  return address === 'localhost' || address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** The forwarding options whose listening side `[bind:]port` may leave loopback. */
export const SSH_LISTENING_FORWARDS = ['LocalForward', 'RemoteForward', 'DynamicForward'] as const;

/**
 * What the host form and an import point out about allowed options that hand power to others: agent and X11
 * forwarding (to whoever has root on the remote host) and forwards that listen beyond loopback (which
 * Muxdeck asks the user to confirm outside the page before saving).
 */
export function sshExtraOptionWarnings(options: SshExtraOptions | undefined): string[] {
  const warnings: string[] = [];
  const entries = Object.entries(options ?? {});
  for (const [name, value] of entries) {
    if (name === 'ForwardAgent' && value === 'yes')
      warnings.push(
        'ForwardAgent yes: root on the remote host can use your ssh keys while you are connected',
      );
    if (name === 'ForwardX11Trusted' && value === 'yes')
      warnings.push(
        'ForwardX11Trusted yes: with X11 forwarding on, the remote host gets full access to your display (keystrokes, screenshots)',
      );
    if (name === 'ForwardX11' && value === 'yes')
      warnings.push('ForwardX11 yes: programs on the remote host can open windows on your display');
    if (
      (SSH_LISTENING_FORWARDS as readonly string[]).includes(name) &&
      !isLoopbackBind(sshForwardParts(value).bind)
    )
      warnings.push(`${name} ${value}: listens beyond loopback; Muxdeck asks you to confirm it`);
  }
  return warnings;
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

/** ssh-relevant settings a host inherits from its folders; every key is optional: absent = inherit. */
export const HostSettings = z
  .object({
    user: treeFields.user.optional(),
    port: treeFields.port.optional(),
    identityFile: treeFields.identityFile.optional(),
    jumpHost: treeFields.jumpHost.optional(),
    persistence: PersistenceMode.optional(),
    logging: z.boolean().optional(),
    /** Further `-o Name=value` options, from SSH_EXTRA_OPTIONS above; inherited as a whole. */
    extraOptions: SshExtraOptions.optional(),
  })
  .strict();
export type HostSettings = z.infer<typeof HostSettings>;
export const SETTING_KEYS = [
  'user',
  'port',
  'identityFile',
  'jumpHost',
  'persistence',
  'logging',
  'extraOptions',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const FolderId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a folder id');
export const TreeHostId = z.string().min(1).max(1024).refine(notReserved, RESERVED_MESSAGE);
export const MANUAL_SOURCE_ID = 'manual';

export const TreeFolder = z.object({
  id: FolderId,
  name: treeFields.label,
  parentId: FolderId.nullable(),
  /** Position among its sibling folders. */
  order: z.number(),
  settings: HostSettings,
  notes: treeFields.notes.optional(),
});
export type TreeFolder = z.infer<typeof TreeFolder>;

/** Where a host sits in the user's folders (null folderId = the top of "My folders"). */
export const Placement = z.object({ folderId: FolderId.nullable(), order: z.number() });
export type Placement = z.infer<typeof Placement>;

/** What the user laid over one host, synced or manual; keyed by host id, so it survives every re-sync. */
export const HostOverlay = z.object({
  /** A rename; for manual hosts the label lives in their definition instead. */
  label: treeFields.label.optional(),
  tags: z.array(treeFields.tag).max(64).optional(),
  notes: treeFields.notes.optional(),
  settings: HostSettings.optional(),
  placement: Placement.optional(),
});
export type HostOverlay = z.infer<typeof HostOverlay>;

// --- jump hosts --- read the same way by both processes: the main process marks a host whose jump host
// is itself (HostOverlayView.selfJump), the host form warns while the user types.

/**
 * The host ssh contacts first for a ProxyJump value ("[user@]host[:port][,next…]"): the first hop is
 * resolved with its own config, so its own ProxyJump is the one that can lead back.
 */
export function firstJumpHost(proxyJump: string): string | undefined {
  const first = proxyJump.split(',')[0]?.trim() ?? '';
  const withoutUser = first.slice(first.lastIndexOf('@') + 1).replace(/^ssh:\/\//, '');
  const host = withoutUser.startsWith('[')
    ? withoutUser.slice(1, withoutUser.indexOf(']'))
    : withoutUser.split(':')[0];
  return host || undefined;
}

/** The names ssh could reach a host by: its name in the tree (an ssh config alias) and its address. */
export interface JumpNames {
  label: string;
  address?: string | undefined;
}

/**
 * Whether `jumpHost` makes the host jump through itself (e.g. `bastion` dragged into a folder whose jump
 * host is `bastion`): ssh would connect to it in order to connect to it, and never get there.
 */
export function jumpsThroughItself(host: JumpNames, jumpHost: string | undefined): boolean {
  const first = jumpHost ? firstJumpHost(jumpHost)?.toLowerCase() : undefined;
  if (!first) return false;
  return [host.label, host.address].some((name) => name !== undefined && name.toLowerCase() === first);
}

export function selfJumpMessage(jumpHost: string): string {
  return `Jumps through itself: its jump host “${jumpHost}” is this host, so ssh would go through it to reach it and never connect. Give this host its own jump host (or “none”).`;
}

export const HostOverlayView = HostOverlay.extend({
  /** user and port as ssh will use them (own settings, source, folders), for display. */
  effectiveUser: z.string().optional(),
  effectivePort: z.number().int().optional(),
  /** The effective jump host when it names the host itself (jumpsThroughItself): the tree marks it. */
  selfJump: z.string().optional(),
});
export type HostOverlayView = z.infer<typeof HostOverlayView>;

/** The last seen identity of a host the overlay refers to, so a vanished host is still shown by name. */
export const KnownHost = z.object({
  label: z.string(),
  sourceId: z.string(),
  address: z.string().optional(),
});
export type KnownHost = z.infer<typeof KnownHost>;

export const RecentEntry = z.object({ hostId: TreeHostId, at: z.number().int() });
export type RecentEntry = z.infer<typeof RecentEntry>;

/**
 * What the user laid on a folder a source makes (a NetBox site or role, an Ansible group, the ssh config's
 * own branch): settings its hosts inherit and notes. Kept by the folder's key, so it survives re-syncs.
 */
export const SourceGroupOverlay = z.object({
  settings: HostSettings,
  notes: treeFields.notes.optional(),
});
export type SourceGroupOverlay = z.infer<typeof SourceGroupOverlay>;

/** Folders inside a source are at most this deep (NetBox grouping by several fields, Ansible child groups). */
export const MAX_SOURCE_GROUP_DEPTH = 32;

/** A source folder's key: the source id and its path inside the source; the path [] is the source itself. */
export function sourceGroupKey(sourceId: string, path: readonly string[]): string {
  return JSON.stringify([sourceId, ...path]);
}

/** The overlay as the renderer sees it; hosts themselves come from the sources (tree:get). */
export const TreeOverlay = z.object({
  revision: z.number().int().min(0),
  folders: z.array(TreeFolder),
  hosts: z.record(RecordKey, HostOverlayView),
  favourites: z.array(TreeHostId),
  /** Newest first. */
  recent: z.array(RecentEntry),
  known: z.record(RecordKey, KnownHost),
  /** Remembered expand/collapse choices by tree node id. */
  expanded: z.record(RecordKey, z.boolean()),
  /** Settings and notes on source folders, by sourceGroupKey. */
  sourceGroups: z.record(RecordKey, SourceGroupOverlay).optional(),
});
export type TreeOverlay = z.infer<typeof TreeOverlay>;

/** Most host ids one tree:apply may name, over all its mutations: select-all of a large inventory. */
export const MAX_TREE_HOST_IDS = 100_000;
const HostIds = z.array(TreeHostId).min(1).max(MAX_TREE_HOST_IDS);
/**
 * Most mutations in one tree:apply. The renderer sends one to three; each costs a pass over the tree, so
 * 1,000 of them held the main process about a second per request (issue 11).
 */
export const MAX_TREE_MUTATIONS = 100;

/** One change to the user's tree; tree:apply takes a batch and applies all or nothing. */
export const TreeMutation = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('folder.create'),
      name: treeFields.label,
      parentId: FolderId.nullable(),
      settings: HostSettings.optional(),
      notes: treeFields.notes.optional(),
    })
    .strict(),
  z
    .object({
      op: z.literal('folder.update'),
      folderId: FolderId,
      name: treeFields.label,
      settings: HostSettings,
      notes: treeFields.notes,
    })
    .strict(),
  z
    .object({
      op: z.literal('folder.move'),
      folderId: FolderId,
      parentId: FolderId.nullable(),
      /** Put it before this sibling folder; absent or null: last. */
      beforeId: FolderId.nullable().optional(),
    })
    .strict(),
  /** Deletes the folder, its subfolders and the manual hosts in them; synced hosts only leave it. */
  z.object({ op: z.literal('folder.delete'), folderId: FolderId }).strict(),
  z
    .object({
      op: z.literal('host.create'),
      label: treeFields.label,
      hostName: treeFields.hostName,
      folderId: FolderId.nullable(),
      tags: z.array(treeFields.tag).max(64),
      notes: treeFields.notes,
      settings: HostSettings,
    })
    .strict(),
  z
    .object({
      op: z.literal('host.update'),
      hostId: TreeHostId,
      /** Synced hosts: "" (or the source's own label) removes the rename. */
      label: z.string().trim().max(200),
      /** Manual hosts only. */
      hostName: treeFields.hostName.optional(),
      tags: z.array(treeFields.tag).max(64),
      notes: treeFields.notes,
      settings: HostSettings,
    })
    .strict(),
  /** A new manual host with the same address, settings, tags and notes, next to the original. */
  z.object({ op: z.literal('host.duplicate'), hostId: TreeHostId }).strict(),
  /** Settings and notes of a source's folder (path [] = the source's own branch); empty ones remove the entry. */
  z
    .object({
      op: z.literal('sourceGroup.update'),
      sourceId: z.string().min(1).max(1024),
      path: z.array(z.string().max(1024)).max(MAX_SOURCE_GROUP_DEPTH),
      settings: HostSettings,
      notes: treeFields.notes,
    })
    .strict(),
  z
    .object({
      op: z.literal('host.move'),
      hostIds: HostIds,
      folderId: FolderId.nullable(),
      beforeHostId: TreeHostId.nullable().optional(),
    })
    .strict(),
  /** Takes synced hosts out of the user's folders (they stay in their source). */
  z.object({ op: z.literal('host.unplace'), hostIds: HostIds }).strict(),
  /** Deletes manual hosts. */
  z.object({ op: z.literal('host.delete'), hostIds: HostIds }).strict(),
  /** Drops everything the user laid over synced (or vanished) hosts. */
  z.object({ op: z.literal('host.forget'), hostIds: HostIds }).strict(),
  z.object({ op: z.literal('favourite.set'), hostIds: HostIds, favourite: z.boolean() }).strict(),
  z
    .object({
      op: z.literal('favourite.move'),
      hostId: TreeHostId,
      beforeHostId: TreeHostId.nullable().optional(),
    })
    .strict(),
  z.object({ op: z.literal('recent.remove'), hostIds: HostIds }).strict(),
  z.object({ op: z.literal('recent.clear') }).strict(),
  z.object({ op: z.literal('layout.expand'), nodeId: RecordKey.min(1), expanded: z.boolean() }).strict(),
]);
export type TreeMutation = z.infer<typeof TreeMutation>;

export const ManualHostRecord = z.object({
  id: TreeHostId,
  label: treeFields.label,
  hostName: treeFields.hostName,
});
export type ManualHostRecord = z.infer<typeof ManualHostRecord>;

/** The file tree:export writes and tree:import reads. Has no place for secrets: unknown keys are dropped. */
export const TreeExportDocument = z.object({
  format: z.literal('muxdeck-tree'),
  version: z.literal(1),
  exportedAt: z.string().max(64),
  folders: z.array(TreeFolder).max(100_000),
  manualHosts: z.array(ManualHostRecord).max(1_000_000),
  hosts: z.record(TreeHostId, HostOverlay),
  favourites: z.array(TreeHostId).max(100_000),
  known: z.record(TreeHostId, KnownHost),
});
export type TreeExportDocument = z.infer<typeof TreeExportDocument>;

/** Where an inherited setting comes from, for the form's "inherited from …" hints. */
export const SettingOrigin = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), folderId: FolderId, name: z.string() }),
  z.object({ kind: z.literal('source'), label: z.string() }),
  z.object({ kind: z.literal('default') }),
  /** What `ssh -G` says the user's ssh config sets for the host (a `Host *` IdentityFile...), below every layer. */
  z.object({ kind: z.literal('ssh-config') }),
  /** A folder a source makes (a NetBox site, an Ansible group, the source's own branch). */
  z.object({ kind: z.literal('source-folder'), name: z.string() }),
]);
export type SettingOrigin = z.infer<typeof SettingOrigin>;

export const InheritedSettings = z.object({
  user: z.object({ value: z.string(), from: SettingOrigin }).optional(),
  port: z.object({ value: z.number(), from: SettingOrigin }).optional(),
  identityFile: z.object({ value: z.string(), from: SettingOrigin }).optional(),
  jumpHost: z.object({ value: z.string(), from: SettingOrigin }).optional(),
  persistence: z.object({ value: PersistenceMode, from: SettingOrigin }).optional(),
  logging: z.object({ value: z.boolean(), from: SettingOrigin }).optional(),
  extraOptions: z.object({ value: SshExtraOptions, from: SettingOrigin }).optional(),
});
export type InheritedSettings = z.infer<typeof InheritedSettings>;

/** Something the store did that the user must know about (a damaged file set aside, a failed save). */
export const StoreNotice = z.object({
  id: z.number().int(),
  level: z.enum(['warning', 'error']),
  message: z.string(),
  /** The file the user should look at (e.g. the damaged store kept aside). */
  file: z.string().optional(),
  at: z.number().int(),
});
export type StoreNotice = z.infer<typeof StoreNotice>;

const treeRequests = {
  /** Every host of every source, and the user's overlay. */
  'tree:get': {
    params: z.object({}).strict(),
    result: z.object({ hosts: z.array(Host), sources: z.array(SourceStatus), overlay: TreeOverlay }),
  },
  'tree:apply': {
    params: z
      .object({
        mutations: z
          .array(TreeMutation)
          .min(1)
          .max(MAX_TREE_MUTATIONS)
          .refine(
            (mutations) =>
              mutations.reduce((sum, m) => sum + ('hostIds' in m ? m.hostIds.length : 1), 0) <=
              MAX_TREE_HOST_IDS,
            `at most ${MAX_TREE_HOST_IDS} hosts in one request`,
          ),
      })
      .strict(),
    /** createdIds: ids of created folders and hosts, in mutation order. */
    result: z.object({ revision: z.number().int(), createdIds: z.array(z.string()) }),
  },
  /** What a host (or a folder, without hostId) in folderId would inherit, and from where. */
  'tree:inherited': {
    params: z.object({ folderId: FolderId.nullable(), hostId: TreeHostId.optional() }).strict(),
    result: InheritedSettings,
  },
  /** The ssh command Muxdeck would run for a host, for the clipboard. */
  'tree:sshCommand': {
    params: z.object({ hostId: TreeHostId }).strict(),
    result: z.object({ argv: z.array(z.string()), command: z.string() }),
  },
  'tree:export': {
    params: z.object({}).strict(),
    result: TreeExportDocument,
  },
  'tree:import': {
    params: z.object({ document: TreeExportDocument, mode: z.enum(['merge', 'replace']) }).strict(),
    result: z.object({
      folders: z.number().int(),
      hosts: z.number().int(),
      /** What the imported settings allow that the user should know (agent or X11 forwarding). */
      warnings: z.array(z.string()),
    }),
  },
  /** Copies the ssh config's concrete hosts into a folder as manual hosts (a new subfolder if named). */
  'tree:importSshConfig': {
    params: z.object({ folderId: FolderId.nullable(), newFolderName: treeFields.label.optional() }).strict(),
    result: z.object({
      folderId: FolderId.nullable(),
      created: z.number().int(),
      skipped: z.number().int(),
    }),
  },
  /** What the store had to tell since the app started (e.g. it restored a backup). */
  'store:notices': {
    params: z.object({}).strict(),
    result: z.array(StoreNotice),
  },
} as const;

const treeEvents = {
  /** The overlay changed (any window); manualHosts when manual hosts changed. */
  'tree:changed': z.object({ overlay: TreeOverlay, manualHosts: z.array(Host).optional() }),
  'store:notice': StoreNotice,
} as const;

// ---------------------------------------------------------------------------
// --- run on selection ---
// One command run non-interactively (ssh -T, BatchMode) on many hosts, bounded in parallel, each with
// its own time-out. Owned by src-main/run. Events carry summaries; full output is fetched on demand.

/** Longest command a run accepts: far below ARG_MAX and any remote shell's limit. */
export const RUN_MAX_COMMAND_CHARS = 32_768;
/** Most hosts one run may target. */
export const RUN_MAX_HOSTS = 5_000;
export const RUN_DEFAULT_TIMEOUT_SECONDS = 30;
export const RUN_DEFAULT_PARALLEL = 16;
export const RUN_MAX_PARALLEL = 256;

export const RunId = z.string().regex(/^run-[A-Za-z0-9_-]{1,40}$/, 'not a run id');

/** pending: waiting for a slot; unreachable: ssh itself failed (refused, no route, auth, host key). */
export const RunStatus = z.enum([
  'pending',
  'running',
  'ok',
  'failed',
  'timeout',
  'unreachable',
  'cancelled',
]);
export type RunStatus = z.infer<typeof RunStatus>;
/** What "failed only" and "re-run on failed" mean: every end but ok (a cancelled host did not run either). */
export const isRunFailure = (status: RunStatus): boolean =>
  status === 'failed' || status === 'timeout' || status === 'unreachable' || status === 'cancelled';

export const RunCommandText = z
  .string()
  .max(RUN_MAX_COMMAND_CHARS, `at most ${RUN_MAX_COMMAND_CHARS} characters`)
  .refine((v) => v.trim().length > 0, 'a command is required')
  .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');

export const RunHostSummary = z.object({
  hostId: z.string(),
  label: z.string(),
  status: RunStatus,
  exitCode: z.number().int().optional(),
  signal: z.string().optional(),
  durationMs: z.number().int().min(0).optional(),
  /** First non-empty line of stdout (else stderr), cut to 200 characters. */
  firstLine: z.string(),
  /** Why it failed before or around the command: ssh's reason, a refused host name, a time-out. */
  error: z.string().optional(),
  stdoutBytes: z.number().int().min(0),
  stderrBytes: z.number().int().min(0),
  /** Output beyond the per-stream cap was dropped (the byte counts still count it). */
  truncated: z.boolean(),
});
export type RunHostSummary = z.infer<typeof RunHostSummary>;

export const RunSummary = z.object({
  runId: RunId,
  command: z.string(),
  timeoutSeconds: z.number().int(),
  parallel: z.number().int(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().optional(),
  done: z.boolean(),
  cancelled: z.boolean(),
  hosts: z.array(RunHostSummary),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunHostOutput = z.object({
  stdout: z.string(),
  stderr: z.string(),
  stdoutTruncated: z.boolean(),
  stderrTruncated: z.boolean(),
});
export type RunHostOutput = z.infer<typeof RunHostOutput>;

export const RunStartParams = z
  .object({
    hostIds: z.array(TreeHostId).min(1, 'select at least one host').max(RUN_MAX_HOSTS),
    command: RunCommandText,
    /** Absent: the runParallel / runTimeoutSeconds settings. */
    timeoutSeconds: z.number().int().min(1).max(86_400).optional(),
    parallel: z.number().int().min(1).max(RUN_MAX_PARALLEL).optional(),
  })
  .strict();
export type RunStartParams = z.input<typeof RunStartParams>;

const runRequests = {
  /** Starts a run and answers at once (every host pending); run:progress and run:finished follow. */
  'run:start': { params: RunStartParams, result: RunSummary },
  'run:cancel': { params: z.object({ runId: RunId }).strict(), result: z.object({ cancelled: z.boolean() }) },
  'run:get': { params: z.object({ runId: RunId }).strict(), result: RunSummary },
  /** One host's full (capped) stdout and stderr. */
  'run:output': {
    params: z.object({ runId: RunId, hostId: TreeHostId }).strict(),
    result: RunHostOutput,
  },
  /** The results as a CSV or JSON file's text (the same export as `muxdeck run --json`). */
  'run:export': {
    params: z
      .object({ runId: RunId, format: z.enum(['csv', 'json']), failedOnly: z.boolean().default(false) })
      .strict(),
    result: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
  },
} as const;

const runEvents = {
  /** One host of a run changed status (started, finished). */
  'run:progress': z.object({
    runId: RunId,
    host: RunHostSummary,
    completed: z.number().int(),
    total: z.number().int(),
  }),
  'run:finished': RunSummary,
} as const;

// ---------------------------------------------------------------------------
// --- sources ---
// Configured inventories (Ansible, NetBox) synced in the background by src-main/sources. Options are
// flat (they are stored as SourceConfig.options); the NetBox token is write-only and goes to the keychain.

const text = (max: number) =>
  z.string().trim().max(max).refine(noControl, 'must not contain control characters');
const listOf = (item: z.ZodType<string>, max: number) => z.array(item).max(max);
const isWebUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

export const SOURCE_GROUP_LEVELS = [
  'site',
  'location',
  'role',
  'tenant',
  'platform',
  'cluster',
  'tag',
  'status',
  'kind',
] as const;
export const SOURCE_ADDRESS_CHOICES = [
  'primary-ip4',
  'primary-ip6',
  'primary-ip',
  'oob-ip',
  'dns-name',
  'name',
] as const;

/** Minutes between automatic syncs; 0 = only on start, on "sync now" and (Ansible) on file changes. */
const intervalMinutes = z
  .number()
  .int('a whole number of minutes')
  .min(0, '0 or more')
  .max(10_080, 'at most a week');

export const AnsibleSourceOptions = z
  .object({
    paths: listOf(text(4096).min(1, 'an empty path'), 64).min(
      1,
      'name at least one inventory file or directory',
    ),
    allowScripts: z.boolean().default(false),
    allowProxyCommand: z.boolean().default(false),
    intervalMinutes: intervalMinutes.default(0),
  })
  .strict();
export type AnsibleSourceOptions = z.infer<typeof AnsibleSourceOptions>;

export const NetboxSourceOptions = z
  .object({
    url: z
      .string()
      .trim()
      .min(1, 'the NetBox URL is required')
      .max(2048)
      .refine(isWebUrl, 'use an http:// or https:// URL'),
    /** auto: `nbt_…` tokens go as `Bearer` (NetBox 4.5+ v2), others as `Token` (v1). */
    tokenStyle: z.enum(['auto', 'v1', 'v2']).default('auto'),
    caFile: text(4096).default(''),
    insecureSkipVerify: z.boolean().default(false),
    kinds: z.enum(['devices', 'vms', 'both']).default('both'),
    /** `key=value` query parameters (`site=fra1`, `role=leaf`, `vm:cluster=prod`). */
    filters: listOf(
      text(1024).refine((v) => /^[^=]+=/.test(v), 'filters are key=value'),
      200,
    ).default([]),
    addressFrom: listOf(
      z
        .string()
        .refine(
          (v) =>
            (SOURCE_ADDRESS_CHOICES as readonly string[]).includes(v) ||
            /^(cf|context):[A-Za-z0-9_.-]+$/.test(v),
          'not an address choice',
        ),
      8,
    )
      .min(1, 'choose where the address comes from')
      .default(['primary-ip4', 'primary-ip6']),
    groupBy: listOf(z.enum(SOURCE_GROUP_LEVELS), 9).default(['site', 'role']),
    intervalMinutes: intervalMinutes.default(60),
  })
  .strict();
export type NetboxSourceOptions = z.infer<typeof NetboxSourceOptions>;

const sourceLabel = text(200).min(1, 'a name is required');
const NetboxToken = z
  .string()
  .trim()
  .max(4096)
  .refine((v) => !/[\s\p{Cc}]/u.test(v), 'a token has no spaces or control characters');

/** What the user fills in; the token (NetBox) is write-only: empty keeps the stored one. */
export const SourceDraft = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ansible'),
      label: sourceLabel,
      enabled: z.boolean(),
      options: AnsibleSourceOptions,
    })
    .strict(),
  z
    .object({
      kind: z.literal('netbox'),
      label: sourceLabel,
      enabled: z.boolean(),
      options: NetboxSourceOptions,
      token: NetboxToken.optional(),
      /** Remove the stored token (anonymous reads). */
      clearToken: z.boolean().optional(),
    })
    .strict(),
]);
export type SourceDraft = z.infer<typeof SourceDraft>;
export type SourceDraftInput = z.input<typeof SourceDraft>;

export const SourceDiff = z.object({
  at: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  /** A few host labels of each, for the summary. */
  addedLabels: z.array(z.string()),
  removedLabels: z.array(z.string()),
  changedLabels: z.array(z.string()),
});
export type SourceDiff = z.infer<typeof SourceDiff>;

export const SourceSyncState = z.enum(['disabled', 'pending', 'syncing', 'ok', 'stale', 'error']);
export type SourceSyncState = z.infer<typeof SourceSyncState>;

export const SourceInfo = z.object({
  /** The configuration id; the tree's source id is `<kind>:<id>`. */
  id: z.string(),
  sourceId: z.string(),
  kind: z.enum(['ansible', 'netbox']),
  label: z.string(),
  enabled: z.boolean(),
  options: z.union([AnsibleSourceOptions, NetboxSourceOptions]),
  /** NetBox: a token is in the keychain (never its value). */
  hasToken: z.boolean(),
  state: SourceSyncState,
  hostCount: z.number().int(),
  lastSyncAt: z.number().int().optional(),
  lastAttemptAt: z.number().int().optional(),
  nextSyncAt: z.number().int().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()),
  progress: z.object({ fetched: z.number().int(), total: z.number().int() }).optional(),
  lastDiff: SourceDiff.optional(),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

const SourceConfigId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a source id');

const sourceRequests = {
  'sources:list': { params: z.object({}).strict(), result: z.object({ sources: z.array(SourceInfo) }) },
  'sources:add': { params: z.object({ draft: SourceDraft }).strict(), result: SourceInfo },
  'sources:update': {
    params: z.object({ id: SourceConfigId, draft: SourceDraft }).strict(),
    result: SourceInfo,
  },
  'sources:remove': {
    params: z.object({ id: SourceConfigId }).strict(),
    result: z.object({ removed: z.boolean() }),
  },
  /** Starts a sync in the background (all enabled sources without id); never waits for it. */
  'sources:syncNow': {
    params: z.object({ id: SourceConfigId.optional() }).strict(),
    result: z.object({ started: z.number().int() }),
  },
  /** Stops a running sync; the source keeps its last good hosts. */
  'sources:cancelSync': {
    params: z.object({ id: SourceConfigId }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  },
} as const;

const sourceEvents = {
  /** A source's configuration or status changed; hostsChanged: reload the tree's hosts. */
  'sources:changed': z.object({ sources: z.array(SourceInfo), hostsChanged: z.boolean() }),
  'sources:progress': z.object({ id: z.string(), fetched: z.number().int(), total: z.number().int() }),
} as const;

// ---------------------------------------------------------------------------
// App settings (the store's `settings`; the ⚙ dialog edits them)

/** Terminal appearance; every field optional: the renderer fills what is missing with its defaults. */
export const TerminalPreferences = z
  .object({
    fontFamily: z
      .string()
      .trim()
      .min(1)
      .max(200, 'at most 200 characters')
      .refine((v) => !/[;{}<>\\]/.test(v), 'a font list such as "JetBrains Mono", monospace'),
    fontSize: z.number().int().min(6).max(40),
    /** Zoom steps added to fontSize (Ctrl+= / Ctrl+-), kept apart so Ctrl+0 returns to the chosen size. */
    zoom: z.number().int().min(-40).max(40),
    theme: z.enum(['system', 'dark', 'light']),
    copyOnSelect: z.boolean(),
    /**
     * Lines xterm.js keeps above the screen. resources/tmux.conf's history-limit must stay at least the
     * maximum, so a reattach can prefill every line the setting promises.
     */
    scrollback: z
      .number()
      .int('a whole number')
      .min(1_000, 'from 1000 to 100000 lines')
      .max(100_000, 'from 1000 to 100000 lines'),
  })
  .partial()
  .strict();
export type TerminalPreferences = z.infer<typeof TerminalPreferences>;

/** What an AI agent (`muxdeck mcp`) may do on a host: the human decides, per tree path, source or tag. */
export const AgentDecision = z.enum(['allow', 'ask', 'deny']);
export type AgentDecision = z.infer<typeof AgentDecision>;

export const AgentPolicyRule = z
  .object({
    /**
     * Which hosts: the `muxdeck run --hosts` selector language (label, glob, @group, tree path such as
     * prod/** or ansible/web/*), or `tag:NAME` for hosts carrying that tag.
     */
    match: z.string().min(1).max(512).refine(noControl, 'no control characters'),
    decision: AgentDecision,
  })
  .strict();
export type AgentPolicyRule = z.infer<typeof AgentPolicyRule>;

export const AgentPolicy = z
  .object({
    /** For hosts no rule matches. "ask": the running app asks the user; with no app, refused unless --allow. */
    default: AgentDecision,
    /** Every matching rule counts and the strictest wins (deny over ask over allow). */
    rules: z.array(AgentPolicyRule).max(500),
  })
  .strict();
export type AgentPolicy = z.infer<typeof AgentPolicy>;

export const DEFAULT_AGENT_POLICY: AgentPolicy = { default: 'ask', rules: [] };

/** The host navigation's width in CSS px: wide enough for a name and a tag, never more than half a laptop screen. */
export const SIDEBAR_WIDTH_LIMITS = { min: 180, max: 640 } as const;

/** The host navigation beside the tabs: its width (dragged) and whether Ctrl+B hid it. */
export const SidebarLayout = z
  .object({
    width: z
      .number()
      .int('a whole number')
      .min(SIDEBAR_WIDTH_LIMITS.min, `from ${SIDEBAR_WIDTH_LIMITS.min} to ${SIDEBAR_WIDTH_LIMITS.max} px`)
      .max(SIDEBAR_WIDTH_LIMITS.max, `from ${SIDEBAR_WIDTH_LIMITS.min} to ${SIDEBAR_WIDTH_LIMITS.max} px`),
    hidden: z.boolean(),
  })
  .strict();
export type SidebarLayout = z.infer<typeof SidebarLayout>;

export const DEFAULT_SIDEBAR: SidebarLayout = { width: 264, hidden: false };

/** How long an approval prompt waits for the user; no answer is a deny. */
export const AGENT_APPROVAL_TIMEOUT_MS = 120_000;

/** What an agent asks the user to allow: who, where, and the exact command (the prompt shows it whole). */
export const AgentApprovalRequest = z
  .object({
    /** The MCP client's name as it introduced itself (Claude Code, Cursor…). */
    client: z.string().min(1).max(100),
    tool: z.enum(['open_session', 'exec', 'send_keys', 'write_file', 'run_on_hosts']),
    hostId: z.string().min(1).max(1024),
    host: z.string().min(1).max(512),
    /** The command, keys or path, exactly; absent for open_session. */
    command: z.string().max(RUN_MAX_COMMAND_CHARS).optional(),
    /** The agent session it concerns, when there is one yet. */
    session: z.string().max(200).optional(),
  })
  .strict();
export type AgentApprovalRequest = z.infer<typeof AgentApprovalRequest>;

/** once: this call; session: this call and the rest in the same agent session; deny: nothing happens. */
export const AgentApprovalAnswer = z.enum(['once', 'session', 'deny']);
export type AgentApprovalAnswer = z.infer<typeof AgentApprovalAnswer>;

export const PendingAgentApproval = AgentApprovalRequest.extend({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** ms since epoch: past it, the prompt goes and the agent is refused. */
  expiresAt: z.number().int(),
});
export type PendingAgentApproval = z.infer<typeof PendingAgentApproval>;

const agentRequests = {
  /** The approval prompts waiting for the user now (a window opened late shows them too). */
  'agents:approvals': {
    params: z.object({}).strict(),
    result: z.array(PendingAgentApproval),
  },
  'agents:answer': {
    params: z.object({ id: PendingAgentApproval.shape.id, answer: AgentApprovalAnswer }).strict(),
    /** answered: false when the prompt was gone already (answered elsewhere, timed out, agent gone). */
    result: z.object({ answered: z.boolean() }),
  },
} as const;

const agentEvents = {
  /** The approval prompts waiting now, whenever one comes or goes. */
  'agents:approvals': z.object({ pending: z.array(PendingAgentApproval) }),
} as const;

const appSettingFields = {
  /** How many recently connected hosts the Recent section remembers. */
  recentLimit: z.number().int('a whole number').min(0, 'from 0 to 200').max(200, 'from 0 to 200'),
  /** Automatic reconnection attempts after a dropped connection (exponential backoff); 0 turns it off. */
  reconnectAttempts: z.number().int('a whole number').min(0, 'from 0 to 20').max(20, 'from 0 to 20'),
  /** Seconds Muxdeck waits for a connection when the host's ssh config sets no ConnectTimeout. */
  connectTimeoutSeconds: z
    .number()
    .int('a whole number')
    .min(1, 'from 1 to 600 seconds')
    .max(600, 'from 1 to 600 seconds'),
  /** Keep a pane whose remote command finished (user typed exit) instead of closing its tab. */
  keepClosedPanes: z.boolean(),
  /** Ask before × or Ctrl+Shift+W ends a session that is connected (its shell and what runs in it). */
  confirmCloseConnected: z.boolean(),
  /** A session log stops growing at this size. */
  logSizeCapMb: z
    .number()
    .int('a whole number')
    .min(1, 'from 1 to 10240 MB')
    .max(10_240, 'from 1 to 10240 MB'),
  terminal: TerminalPreferences,
  /** Look for a newer release on GitHub and install it on quit (packaged app, electron-updater); opt-out. */
  autoUpdate: z.boolean(),
  /** "Open selection as group": one tab tiled as a grid, or one tab per host (issue 6). */
  groupOpensAs: z.enum(['grid', 'tabs']),
  /** Run on selection: hosts run at once, and seconds each host may take (the Run dialog's defaults). */
  runParallel: z
    .number()
    .int('a whole number')
    .min(1, `from 1 to ${RUN_MAX_PARALLEL}`)
    .max(RUN_MAX_PARALLEL, `from 1 to ${RUN_MAX_PARALLEL}`),
  runTimeoutSeconds: z
    .number()
    .int('a whole number')
    .min(1, 'from 1 to 86400 seconds')
    .max(86_400, 'from 1 to 86400 seconds'),
  /** Settings → Agents: what `muxdeck mcp` may do where (issue 14). */
  agents: AgentPolicy,
  /** Window state kept with the settings so every window and every reload opens the same way. */
  sidebar: SidebarLayout,
};
export const AppSettings = z.object(appSettingFields);
export type AppSettings = z.infer<typeof AppSettings>;
/** A change to some settings; what it leaves out stays as it is (terminal is replaced as a whole). */
export const AppSettingsPatch = z.object(appSettingFields).partial().strict();
export type AppSettingsPatch = z.infer<typeof AppSettingsPatch>;

export const DEFAULT_APP_SETTINGS: AppSettings = {
  recentLimit: 20,
  reconnectAttempts: 3,
  connectTimeoutSeconds: 20,
  keepClosedPanes: false,
  confirmCloseConnected: true,
  logSizeCapMb: 50,
  terminal: {},
  autoUpdate: true,
  groupOpensAs: 'grid',
  runParallel: RUN_DEFAULT_PARALLEL,
  runTimeoutSeconds: RUN_DEFAULT_TIMEOUT_SECONDS,
  agents: DEFAULT_AGENT_POLICY,
  sidebar: DEFAULT_SIDEBAR,
};

const settingsRequests = {
  'settings:get': { params: z.object({}).strict(), result: AppSettings },
  'settings:update': { params: z.object({ patch: AppSettingsPatch }).strict(), result: AppSettings },
} as const;

const settingsEvents = {
  /** Settings changed (from any window). */
  'settings:changed': AppSettings,
} as const;

// ---------------------------------------------------------------------------
// Errors

export const ErrorCode = z.enum([
  'UNKNOWN_CHANNEL',
  'INVALID_PAYLOAD',
  'NOT_FOUND',
  'INVALID_HOST',
  'UNAVAILABLE',
  /** The user said no (or could not be asked) to something only they may allow: see docs/security.md. */
  'NOT_CONFIRMED',
  'INTERNAL',
  /** This window already has too many requests waiting (src-main/router/requestQueue.ts): nothing was done. */
  'BUSY',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** For INVALID_PAYLOAD: which fields were wrong and why. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

export const ApiResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorShape }),
]);
export type ApiResponse = z.infer<typeof ApiResponse>;

/** Thrown by clients when the main process answers with an error. */
export class MuxdeckApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiErrorShape['issues'];
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'MuxdeckApiError';
    this.code = shape.code;
    this.issues = shape.issues;
  }
}

// ---------------------------------------------------------------------------
// Requests

const TerminalSize = {
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
};
const SessionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a Muxdeck session id');
const TerminalId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a terminal id');

/** Largest single input write: a big paste, never a stream. */
export const MAX_INPUT_CHARS = 1_000_000;

// ---------------------------------------------------------------------------
// --- workspace: tabs, splits, tab groups, broadcast (issue 6) ---
// The layout is keyed by session ids; sessions themselves live in tmux. Owned by src-renderer's
// workspace logic (shape) and src-main/store (persistence).

const LayoutSessionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a Muxdeck session id');
const LayoutId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a layout id');

export type LayoutNode =
  | { type: 'pane'; sessionId: string }
  | { type: 'split'; direction: 'row' | 'column'; children: LayoutNode[]; sizes: number[] };

/**
 * Most splits nested inside one another in a tab: each halves a pane, so 32 is beyond any screen, and
 * far below the ~700 at which the recursive schema overflowed the stack (issue 11).
 */
export const MAX_LAYOUT_DEPTH = 32;

const LayoutNodeShape: z.ZodType<LayoutNode> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('pane'), sessionId: LayoutSessionId }).strict(),
    z
      .object({
        type: z.literal('split'),
        direction: z.enum(['row', 'column']),
        children: z.array(LayoutNodeShape).min(2).max(64),
        sizes: z.array(z.number().positive().max(1)).min(2).max(64),
      })
      .strict()
      .refine((split) => split.sizes.length === split.children.length, 'one size per child'),
  ]),
);

/**
 * A tab's split tree: panes side by side (row) or stacked (column), sizes as fractions summing to 1.
 * Its depth is measured (without recursion) before the recursive schema runs; a split is two levels of
 * nesting (the split and its children), so MAX_LAYOUT_DEPTH splits reach 2 * MAX_LAYOUT_DEPTH + 1.
 */
export const LayoutNode: z.ZodType<LayoutNode> = z
  .custom<unknown>(
    (value) => !nestsDeeperThan(value, 2 * MAX_LAYOUT_DEPTH + 1),
    `splits nested more than ${MAX_LAYOUT_DEPTH} deep`,
  )
  .pipe(LayoutNodeShape);

export const GROUP_COLORS = ['blue', 'green', 'orange', 'purple', 'red', 'teal', 'pink', 'grey'] as const;
export const GroupColor = z.enum(GROUP_COLORS);
export type GroupColor = z.infer<typeof GroupColor>;

export const WorkspaceTab = z
  .object({
    id: LayoutId,
    /** The user's name for the tab; absent: named after its focused pane's host. */
    title: z.string().trim().min(1).max(200).optional(),
    groupId: LayoutId.optional(),
    root: LayoutNode,
    focused: LayoutSessionId,
    maximized: LayoutSessionId.optional(),
  })
  .strict();
export type WorkspaceTab = z.infer<typeof WorkspaceTab>;

export const WorkspaceGroup = z
  .object({
    id: LayoutId,
    name: z.string().trim().min(1).max(200),
    color: GroupColor,
    collapsed: z.boolean(),
  })
  .strict();
export type WorkspaceGroup = z.infer<typeof WorkspaceGroup>;

export const WorkspaceLayout = z
  .object({
    tabs: z.array(WorkspaceTab).max(1000),
    groups: z.array(WorkspaceGroup).max(1000),
    activeTabId: LayoutId.nullable(),
  })
  .strict();
export type WorkspaceLayout = z.infer<typeof WorkspaceLayout>;

export const EMPTY_WORKSPACE_LAYOUT: WorkspaceLayout = { tabs: [], groups: [], activeTabId: null };

/** Most panes one broadcast writes to: far above what a user can watch, low enough to bound one message. */
export const MAX_BROADCAST_TARGETS = 500;

const workspaceRequests = {
  'layout:get': { params: z.object({}).strict(), result: WorkspaceLayout },
  'layout:set': { params: z.object({ layout: WorkspaceLayout }).strict(), result: z.object({}) },
  /**
   * One input written to several terminals, in the order given, before any later message is read: the
   * fan-out of broadcast. Terminals not attached to this window are skipped and listed in `missed`.
   */
  'terminal:broadcast': {
    params: z
      .object({
        terminalIds: z
          .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a terminal id'))
          .min(1)
          .max(MAX_BROADCAST_TARGETS)
          .refine((ids) => new Set(ids).size === ids.length, 'a terminal is listed twice'),
        data: z.string().min(1).max(MAX_INPUT_CHARS),
      })
      .strict(),
    result: z.object({ delivered: z.number().int().min(0), missed: z.array(z.string()) }),
  },
} as const;

/** One finding of `muxdeck doctor` / Help → Diagnose. Paths may appear; secrets never do. */
export const DoctorCheck = z.object({
  id: z.string(),
  title: z.string(),
  ok: z.boolean(),
  /** A failed required check stops Muxdeck working (exit status 1); an optional one costs a feature. */
  level: z.enum(['required', 'optional']),
  /** What was found, in one line. */
  detail: z.string(),
  /** What to do about a failure, in one plain sentence. */
  fix: z.string().optional(),
});
export type DoctorCheck = z.infer<typeof DoctorCheck>;

export const DoctorReport = z.object({
  /** True when every required check passed. */
  ok: z.boolean(),
  checks: z.array(DoctorCheck),
});
export type DoctorReport = z.infer<typeof DoctorReport>;

export const requests = {
  'app:info': {
    params: z.object({}).strict(),
    result: z.object({
      version: z.string(),
      platform: z.string(),
      transport: z.enum(['electron', 'serve']),
      home: z.string(),
    }),
  },
  /** The checks of `muxdeck doctor`, and the same plain-text report it prints (for "Copy report"). */
  'app:diagnose': {
    params: z.object({}).strict(),
    result: DoctorReport.extend({ text: z.string() }),
  },
  'sessions:list': {
    params: z.object({}).strict(),
    result: z.array(SessionInfo),
  },
  'sessions:open': {
    params: z.object({ hostId: TreeHostId, ...TerminalSize }).strict(),
    result: SessionInfo,
  },
  'sessions:close': {
    params: z.object({ sessionId: SessionId }).strict(),
    result: z.object({ closed: z.boolean() }),
  },
  /** Reconnect a disconnected or failed session now, without waiting for the next retry. */
  'sessions:reconnect': {
    params: z.object({ sessionId: SessionId }).strict(),
    result: SessionInfo,
  },
  /**
   * "Share with agents" on a tab, and its undoing: agents (`muxdeck mcp`) may then list, read and type
   * into this session of the human's. Only sessions in Muxdeck's tmux server can be shared.
   */
  'sessions:shareWithAgents': {
    params: z.object({ sessionId: SessionId, shared: z.boolean() }).strict(),
    result: SessionInfo,
  },
  'terminal:attach': {
    params: z.object({ sessionId: SessionId, ...TerminalSize }).strict(),
    result: z.object({
      terminalId: TerminalId,
      /**
       * True when tmux already answers the program's terminal queries (device attributes, cursor
       * position, colours): the view must not answer them again. False for direct sessions.
       */
      upstreamAnswersQueries: z.boolean().optional(),
    }),
  },
  'terminal:input': {
    params: z.object({ terminalId: TerminalId, data: z.string().max(MAX_INPUT_CHARS) }).strict(),
    result: z.object({}),
  },
  'terminal:resize': {
    params: z.object({ terminalId: TerminalId, ...TerminalSize }).strict(),
    result: z.object({}),
  },
  'terminal:ack': {
    params: z.object({ terminalId: TerminalId, chars: z.number().int().min(1).max(100_000_000) }).strict(),
    result: z.object({}),
  },
  'terminal:detach': {
    params: z.object({ terminalId: TerminalId }).strict(),
    result: z.object({}),
  },
  /**
   * The folder holding a session's log. The desktop app opens it in the file manager (opened: true);
   * serve mode cannot reach the user's desktop and only answers the path.
   */
  'sessions:logFolder': {
    params: z.object({ sessionId: SessionId }).strict(),
    result: z.object({ path: z.string(), opened: z.boolean() }),
  },
  ...treeRequests,
  ...runRequests,
  ...sourceRequests,
  ...settingsRequests,
  ...workspaceRequests,
  ...agentRequests,
} as const;

export type RequestChannel = keyof typeof requests;
export type RequestParams<C extends RequestChannel> = z.input<(typeof requests)[C]['params']>;
export type RequestResult<C extends RequestChannel> = z.output<(typeof requests)[C]['result']>;
export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

// ---------------------------------------------------------------------------
// Events (main -> renderer)

export const events = {
  /** Batched terminal output. The renderer acknowledges with terminal:ack once xterm has drawn it. */
  'terminal:data': z.object({ terminalId: TerminalId, data: z.string() }),
  /** The tmux client behind a terminal ended (session killed, or detached from elsewhere). */
  'terminal:exit': z.object({ terminalId: TerminalId, exitCode: z.number().int() }),
  /** The set of sessions changed (opened, closed, exited). */
  'sessions:changed': z.object({ sessions: z.array(SessionInfo) }),
  ...treeEvents,
  ...runEvents,
  ...sourceEvents,
  ...settingsEvents,
  ...agentEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

// ---------------------------------------------------------------------------
// Wire envelope of serve mode's WebSocket (Electron IPC carries the same
// channel/payload pairs natively).

export const WireClientMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().min(0),
  channel: z.string().max(64),
  payload: z.unknown(),
});
export type WireClientMessage = z.infer<typeof WireClientMessage>;

export type WireServerMessage =
  { type: 'response'; id: number; response: ApiResponse } | { type: 'event'; message: EventMessage };

/**
 * serve mode's WebSocket handshake carries the access token as a subprotocol, never in a cookie (cookies
 * are shared by every port of 127.0.0.1) nor in the URL: the page offers
 * [SERVE_SUBPROTOCOL, SERVE_TOKEN_SUBPROTOCOL_PREFIX + token] and the server answers SERVE_SUBPROTOCOL.
 * The token is base64url, which is a valid subprotocol token.
 */
export const SERVE_SUBPROTOCOL = 'muxdeck';
export const SERVE_TOKEN_SUBPROTOCOL_PREFIX = 'muxdeck.token.';

/** Names of the Electron IPC channels the preload and main process use to carry the contract. */
export const IPC = {
  invoke: 'muxdeck:invoke',
  event: 'muxdeck:event',
} as const;

/**
 * Flow control for terminal output, VS Code's figures (platform/terminal/common/terminal.ts):
 * the pty is paused when more than HIGH unacknowledged chars are in flight and resumed below LOW;
 * the renderer acknowledges in chunks of ACK_SIZE, which must be <= LOW or output never resumes.
 */
export const FlowControl = {
  HIGH_WATERMARK_CHARS: 100_000,
  LOW_WATERMARK_CHARS: 5_000,
  ACK_SIZE_CHARS: 5_000,
} as const;

/** What the preload exposes on `window.muxdeck` (Electron only). */
export interface MuxdeckBridge {
  invoke(channel: RequestChannel, payload: unknown): Promise<ApiResponse>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}
