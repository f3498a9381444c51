import { join } from 'node:path';

/**
 * Which ssh config file Muxdeck reads hosts from, and what ssh must be told to read the same.
 *
 * OpenSSH reads ~/.ssh/config from the passwd entry's home directory, not $HOME. Muxdeck reads the
 * file the user means (a setting, else $HOME/.ssh/config) and, only when that differs from ssh's own
 * default, passes `-F` as VS Code Remote-SSH's `configFile` does; so a faked HOME (tests, portable
 * setups) and a custom setting both reach ssh.
 *
 * But `-F` also makes ssh skip the system-wide file (/etc/ssh/ssh_config: `SendEnv LANG`, crypto
 * policies), and a missing `-F` file stops ssh outright. So `-F` names a small file of Muxdeck's that
 * includes the user's file and then the system one, in ssh's own order: a missing user file is then
 * simply empty, as it is for ssh without -F.
 */
export interface SshConfigLocation {
  file: string;
  /** Set when ssh needs `-F <this>` to read the same configuration. */
  explicitFlag?: string;
  /** What explicitFlag's file must hold, when it is Muxdeck's including file (see writeSshConfigWrapper). */
  wrapperContent?: string;
}

/** Where ssh keeps its system-wide client configuration. */
export function systemSshConfig(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  return platform === 'win32'
    ? join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'ssh', 'ssh_config')
    : '/etc/ssh/ssh_config';
}

export function locateSshConfig(opts: {
  setting?: string;
  home: string;
  /** The passwd entry's home: where ssh looks by default. */
  passwdHome: string;
  /** Muxdeck's including file (in MUXDECK_HOME), given to ssh with -F when the user's file needs it. */
  wrapperFile?: string;
  systemFile?: string;
}): SshConfigLocation {
  const file = opts.setting ?? join(opts.home, '.ssh', 'config');
  const sshDefault = join(opts.passwdHome, '.ssh', 'config');
  if (file === sshDefault) return { file };
  const { wrapperFile, systemFile } = opts;
  // A path ssh's Include cannot quote is passed as it is (ssh then skips the system file).
  if (!wrapperFile || !systemFile || /["\r\n]/.test(file + systemFile)) return { file, explicitFlag: file };
  return { file, explicitFlag: wrapperFile, wrapperContent: sshConfigWrapper(file, systemFile) };
}

/** The file ssh gets with -F: the user's config first (first value wins), then the system's. */
export function sshConfigWrapper(userFile: string, systemFile: string): string {
  return [
    '# Written by Muxdeck at every start; edit your own ssh config instead.',
    '# ssh reads this file (ssh -F) for the config you chose, then the system-wide one, as without -F.',
    `Include "${userFile}"`,
    `Include "${systemFile}"`,
    '',
  ].join('\n');
}
