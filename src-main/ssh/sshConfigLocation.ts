import { join } from 'node:path';

/**
 * Which ssh config file Muxdeck reads hosts from, and whether ssh must be told about it.
 *
 * OpenSSH reads ~/.ssh/config from the passwd entry's home directory, not $HOME. Muxdeck
 * reads the file the user means (a setting, else $HOME/.ssh/config) and passes it to ssh as
 * -F only when it differs from ssh's own default, as VS Code Remote-SSH's `configFile` does;
 * so a faked HOME (tests, portable setups) and a custom setting both reach ssh.
 */
export interface SshConfigLocation {
  file: string;
  /** Set when ssh needs `-F file` to read the same file. */
  explicitFlag?: string;
}

export function locateSshConfig(opts: {
  setting?: string;
  home: string;
  /** The passwd entry's home: where ssh looks by default. */
  passwdHome: string;
}): SshConfigLocation {
  const file = opts.setting ?? join(opts.home, '.ssh', 'config');
  const sshDefault = join(opts.passwdHome, '.ssh', 'config');
  return file === sshDefault ? { file } : { file, explicitFlag: file };
}
