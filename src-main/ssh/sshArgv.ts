import { assertValidHostName } from './hostNameValidation';
import { sshHostOptionArgs, type SshHostOptions } from './sshHostOptions';

export interface SshInvocation {
  /** The ssh client binary: the system OpenSSH. */
  sshPath: string;
  /** Passed as -F only when the user's config file differs from the one ssh reads by default. */
  configFile?: string;
  /** The destination exactly as ssh should see it: an alias from ssh config, or a host name. */
  destination: string;
  /** Options Muxdeck itself builds (connection sharing), placed before the destination. Never inventory data. */
  muxdeckOptions?: readonly string[];
  /** The host's effective user, port, identity and jump host (-l -p -i -J), each validated. */
  hostOptions?: SshHostOptions;
  /**
   * A fixed remote command Muxdeck chose (remote persistence: the remote tmux). ssh hands it to the
   * remote shell as one string, so it must never contain inventory data; -t gives it a terminal.
   */
  remoteCommand?: readonly string[];
}

/**
 * argv for an interactive ssh session. Never a shell string: the destination is
 * validated and placed after `--`, so no value can become an option or a command.
 */
export function buildSshArgv(invocation: SshInvocation): string[] {
  assertValidHostName(invocation.destination);
  const argv = [invocation.sshPath];
  if (invocation.configFile) argv.push('-F', invocation.configFile);
  argv.push(...sshHostOptionArgs(invocation.hostOptions ?? {}));
  argv.push(...(invocation.muxdeckOptions ?? []));
  if (invocation.remoteCommand) argv.push('-t');
  argv.push('--', invocation.destination);
  if (invocation.remoteCommand) argv.push(...invocation.remoteCommand);
  return argv;
}
