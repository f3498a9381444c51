import type { CommandRunner } from '../ports';

/** What a session's ssh may legitimately ask for, as `ssh -G` resolves it from the user's config. */
export interface SessionSshAuth {
  /** The login ssh's own password prompt names: `<user>@<host>'s password: `; absent: none is given. */
  login?: { user: string; host: string };
  /** Reached through ProxyJump or ProxyCommand: another ssh, and another server, take part. */
  viaProxy: boolean;
  /**
   * Key files ssh may ask a passphrase for, spelled as ssh spells them in its prompt: those of the
   * destination and of each ProxyJump hop (the jump ssh runs as a child of the session's ssh).
   */
  keyFiles: ReadonlySet<string>;
}

/** The local account ssh expands `~`, `%d`, `%u` and `%i` from (its passwd entry, not $HOME). */
export interface LocalAccount {
  home: string;
  user: string;
  uid: number;
}

interface ResolvedHost {
  user: string;
  hostname: string;
  hostKeyAlias?: string;
  port: string;
  identityFiles: string[];
  proxyJump: string[];
  proxyCommand: boolean;
}

/**
 * Resolves `ssh -G` for the session's own argv (the same options, config file and destination), and
 * for each ProxyJump hop the way ssh starts the jump ssh (`-F`, `-l`, `-p` only).
 */
export async function resolveSessionSshAuth(opts: {
  runner: CommandRunner;
  sshPath: string;
  /** The argv the session's ssh was started with; anything that is not that ssh resolves to nothing. */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  local: LocalAccount;
}): Promise<SessionSshAuth | undefined> {
  if (opts.argv[0] !== opts.sshPath) return undefined;
  const sshG = (args: readonly string[]) =>
    opts.runner
      .run(opts.sshPath, ['-G', ...args], { env: opts.env, timeoutMs: 5_000 })
      .then((result) => (result.code === 0 ? parseResolvedHost(result.stdout) : undefined));
  const destination = await sshG(opts.argv.slice(1));
  if (!destination) return undefined;

  const keyFiles = new Set(expandedKeyFiles(destination, opts.local));
  const configFile = configFileOf(opts.argv);
  for (const hop of destination.proxyJump) {
    const parsed = parseJumpHop(hop);
    if (!parsed) continue;
    const resolved = await sshG([
      ...(configFile ? ['-F', configFile] : []),
      ...(parsed.user ? ['-l', parsed.user] : []),
      ...(parsed.port ? ['-p', parsed.port] : []),
      '--',
      parsed.host,
    ]);
    if (resolved) for (const file of expandedKeyFiles(resolved, opts.local)) keyFiles.add(file);
  }
  return {
    login: { user: destination.user, host: destination.hostKeyAlias ?? destination.hostname },
    keyFiles,
    viaProxy: destination.proxyJump.length > 0 || destination.proxyCommand,
  };
}

export function parseResolvedHost(stdout: string): ResolvedHost | undefined {
  const single = new Map<string, string>();
  const identityFiles: string[] = [];
  for (const line of stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const keyword = line.slice(0, space).toLowerCase();
    const value = line.slice(space + 1).trim();
    if (keyword === 'identityfile') identityFiles.push(value);
    else if (!single.has(keyword)) single.set(keyword, value);
  }
  const user = single.get('user');
  const hostname = single.get('hostname');
  if (!user || !hostname) return undefined;
  const alias = single.get('hostkeyalias');
  const jump = single.get('proxyjump');
  const command = single.get('proxycommand');
  return {
    user,
    hostname,
    ...(alias && alias !== 'none' ? { hostKeyAlias: alias } : {}),
    port: single.get('port') ?? '22',
    identityFiles,
    proxyJump: jump && jump !== 'none' ? jump.split(',') : [],
    proxyCommand: Boolean(command && command !== 'none'),
  };
}

/**
 * IdentityFile as ssh expands it before it asks: `~/` and the tokens it knows for certain here.
 * A file with any other token (%C, %l, ${VAR}...) is left out: ssh's prompt then names a file
 * Muxdeck cannot vouch for, and the user types the passphrase.
 */
function expandedKeyFiles(host: ResolvedHost, local: LocalAccount): string[] {
  const tokens: Record<string, string> = {
    '%': '%',
    d: local.home,
    u: local.user,
    i: String(local.uid),
    h: host.hostname,
    p: host.port,
    r: host.user,
  };
  const files: string[] = [];
  for (const raw of host.identityFiles) {
    if (raw.includes('${')) continue;
    const tilde = raw === '~' ? local.home : raw.startsWith('~/') ? `${local.home}${raw.slice(1)}` : raw;
    if (tilde.startsWith('~')) continue;
    let unknownToken = false;
    const expanded = tilde.replace(/%(.)?/g, (_match, token: string | undefined) => {
      const value = token === undefined ? undefined : tokens[token];
      if (value === undefined) unknownToken = true;
      return value ?? '';
    });
    if (!unknownToken) files.push(expanded);
  }
  return files;
}

function configFileOf(argv: readonly string[]): string | undefined {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const flag = options.indexOf('-F');
  return flag === -1 ? undefined : options[flag + 1];
}

/** One ProxyJump hop: `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
function parseJumpHop(hop: string): { user?: string; host: string; port?: string } | undefined {
  const match = /^(?:ssh:\/\/)?(?:([^@/]+)@)?(\[[^\]]+\]|[^:@/]+)(?::(\d{1,5}))?\/?$/.exec(hop.trim());
  if (!match?.[2]) return undefined;
  const host = match[2].replace(/^\[(.*)\]$/, '$1');
  if (host.startsWith('-')) return undefined;
  return { host, ...(match[1] ? { user: match[1] } : {}), ...(match[3] ? { port: match[3] } : {}) };
}
