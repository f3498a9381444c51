import { assertValidHostName } from '../ssh/hostNameValidation';
import { sshHostOptionArgs, type SshHostOptions } from '../ssh/sshHostOptions';

export interface RunInvocation {
  sshPath: string;
  /** `-F file` when the user's config is not ssh's default. */
  configFile?: string;
  destination: string;
  hostOptions?: SshHostOptions;
  /** Connection sharing options Muxdeck builds; never inventory data. */
  muxdeckOptions?: readonly string[];
  /**
   * Seconds ssh may spend connecting, so a black-holed host fails as unreachable, not as a time-out.
   * Absent when the user's ssh config sets its own ConnectTimeout: theirs applies, not ours.
   */
  connectTimeoutSeconds?: number;
  /** The user's command, handed to the remote shell as one string (that is what they asked for). */
  command: string;
}

/**
 * argv for one host of a run: no terminal (-T), never a prompt (BatchMode: a host that wants a password
 * fails at once instead of hanging the run), the destination validated and after `--`, the command last.
 */
export function buildRunArgv(invocation: RunInvocation): string[] {
  assertValidHostName(invocation.destination);
  const argv = [invocation.sshPath];
  if (invocation.configFile) argv.push('-F', invocation.configFile);
  argv.push(...sshHostOptionArgs(invocation.hostOptions ?? {}));
  argv.push(...(invocation.muxdeckOptions ?? []));
  argv.push('-T', '-o', 'BatchMode=yes');
  if (invocation.connectTimeoutSeconds !== undefined)
    argv.push('-o', `ConnectTimeout=${Math.max(1, Math.floor(invocation.connectTimeoutSeconds))}`);
  argv.push('--', invocation.destination, invocation.command);
  return argv;
}
