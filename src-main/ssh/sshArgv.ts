import { assertValidHostName } from './hostNameValidation';

export interface SshInvocation {
  /** The ssh client binary: the system OpenSSH. */
  sshPath: string;
  /** Passed as -F only when the user's config file differs from the one ssh reads by default. */
  configFile?: string;
  /** The destination exactly as ssh should see it: an alias from ssh config, or a host name. */
  destination: string;
}

/**
 * argv for an interactive ssh session. Never a shell string: the destination is
 * validated and placed after `--`, so no value can become an option or a command.
 */
export function buildSshArgv(invocation: SshInvocation): string[] {
  assertValidHostName(invocation.destination);
  const argv = [invocation.sshPath];
  if (invocation.configFile) argv.push('-F', invocation.configFile);
  argv.push('--', invocation.destination);
  return argv;
}
