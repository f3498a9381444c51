import type { CommandRunner } from '../ports';

/**
 * What the user's ssh config says about a destination, for the host form's "from the ssh config" hints:
 * only values the config set, not ssh's built-in defaults (a `Host *` IdentityFile counts, ssh's own list
 * of default keys does not).
 */
export interface SshConfigValues {
  user?: string;
  port?: number;
  identityFile?: string;
  jumpHost?: string;
}

/** Asks for one destination; undefined when ssh cannot say (no ssh, a broken config). */
export type SshConfigLookup = (destination: string) => Promise<SshConfigValues | undefined>;

/** The keys OpenSSH tries when no IdentityFile is configured; `ssh -G` lists them then. */
const DEFAULT_IDENTITY_FILES = new Set(
  ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_xmss', 'id_dsa'].map(
    (name) => `~/.ssh/${name}`,
  ),
);
const DEFAULT_PORT = 22;

/** Parses `ssh -G` output; `loginName` is the user ssh falls back to, so it is not reported as configured. */
export function configuredSshValues(stdout: string, loginName: string | undefined): SshConfigValues {
  const single = new Map<string, string>();
  const identityFiles: string[] = [];
  for (const line of stdout.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const key = line.slice(0, space).toLowerCase();
    const value = line.slice(space + 1).trim();
    if (key === 'identityfile') identityFiles.push(value);
    else if (!single.has(key)) single.set(key, value);
  }
  const values: SshConfigValues = {};
  const user = single.get('user');
  if (user && user !== loginName) values.user = user;
  const port = Number(single.get('port'));
  if (Number.isInteger(port) && port > 0 && port !== DEFAULT_PORT) values.port = port;
  if (identityFiles.some((file) => !DEFAULT_IDENTITY_FILES.has(file)))
    values.identityFile = identityFiles.join(', ');
  const jump = single.get('proxyjump');
  if (jump && jump !== 'none') values.jumpHost = jump;
  return values;
}

/** `ssh -G` (which connects to nothing) with the same config options a session gets. */
export function sshConfigLookup(opts: {
  runner: CommandRunner;
  sshPath: string;
  configOptions: readonly string[];
  env: NodeJS.ProcessEnv;
  loginName: string | undefined;
}): SshConfigLookup {
  return async (destination) => {
    const result = await opts.runner
      .run(opts.sshPath, [...opts.configOptions, '-G', '--', destination], {
        env: opts.env,
        timeoutMs: 5_000,
      })
      .catch(() => undefined);
    return result?.code === 0 ? configuredSshValues(result.stdout, opts.loginName) : undefined;
  };
}
