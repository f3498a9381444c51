import { writeFile } from 'node:fs/promises';
import type { SshdHandle } from './sshd';

export interface SshClientConfigHost {
  alias: string;
  sshd: SshdHandle;
}

export interface SshClientConfigOptions {
  file: string;
  hosts: readonly SshClientConfigHost[];
  knownHostsFile: string;
  /**
   * Raw ssh_config text placed BEFORE the Host blocks: ssh keeps the first value it reads for an option, so
   * global options here win, and extra `Host` blocks here stay self-contained.
   */
  extra?: string;
}

/**
 * Writes an ssh client config with one block per alias, and a known_hosts file with every server's host key,
 * so tests keep StrictHostKeyChecking ON and still never see a prompt.
 *
 * OpenSSH finds ~/.ssh/config via the passwd entry's home directory, NOT $HOME. A test that fakes HOME
 * must therefore pass `-F <file>` to ssh (which also skips /etc/ssh/ssh_config), or the app under test
 * must be told where the config is; setting HOME alone silently uses the real user's config.
 */
export async function writeSshClientConfig(options: SshClientConfigOptions): Promise<void> {
  const blocks = options.hosts.map(({ alias, sshd }) =>
    [
      `Host ${alias}`,
      '  HostName 127.0.0.1',
      `  Port ${sshd.port}`,
      `  User ${sshd.user}`,
      `  IdentityFile ${quotePath(sshd.userKeyPath)}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${quotePath(options.knownHostsFile)}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  BatchMode no',
      '  LogLevel ERROR',
    ].join('\n'),
  );
  const extra = options.extra === undefined ? [] : [options.extra.trimEnd()];
  // ssh rejects a config file that others can write; 0600 matches what users have.
  await writeFile(options.file, `${[...extra, ...blocks].join('\n\n')}\n`, { mode: 0o600 });
  const knownHosts = options.hosts.map(({ sshd }) => sshd.knownHostsLine);
  await writeFile(options.knownHostsFile, `${[...new Set(knownHosts)].join('\n')}\n`, { mode: 0o600 });
}

function quotePath(filePath: string): string {
  return /\s/.test(filePath) ? `"${filePath}"` : filePath;
}
