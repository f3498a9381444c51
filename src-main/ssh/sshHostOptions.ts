import { sshExtraOptionProblem, type SshExtraOptions } from '../../src-preload/api';
import { hostNameProblem, InvalidHostNameError } from './hostNameValidation';

/** Per-host connection settings Muxdeck passes to ssh on its command line (a host's effective settings). */
export interface SshHostOptions {
  user?: string;
  port?: number;
  identityFile?: string;
  /** ProxyJump: `[user@]host[:port]`, several separated by commas. */
  jumpHost?: string;
  /**
   * A source's ProxyCommand, only when the user allowed it for that source (ssh runs it through a
   * shell: it is the user's explicit choice to trust that inventory). One argv element, never split.
   */
  proxyCommand?: string;
  /** Allow-listed `-o Name=value` options (sshExtraOptions.ts). */
  extraOptions?: SshExtraOptions;
}

type ScalarKey = Exclude<keyof SshHostOptions, 'extraOptions'>;

const USER = /^[A-Za-z0-9._@+-]{1,64}$/;

/** Why a value cannot be given to ssh, or undefined when it can (the same hostile-input rules as host names). */
export function sshHostOptionProblem(key: ScalarKey, value: string | number): string | undefined {
  switch (key) {
    case 'proxyCommand':
      return typeof value === 'string' &&
        value.trim() !== '' &&
        ![...value].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\u007f')
        ? undefined
        : 'a ProxyCommand is one line without control characters';
    case 'user':
      if (typeof value !== 'string' || !USER.test(value) || value.startsWith('-')) {
        return 'a user name has 1 to 64 letters, digits or . _ @ + - and does not start with "-"';
      }
      return undefined;
    case 'port':
      return Number.isInteger(value) && Number(value) >= 1 && Number(value) <= 65535
        ? undefined
        : 'a port is a whole number from 1 to 65535';
    case 'identityFile':
      if (typeof value !== 'string' || value.length === 0 || value.length > 1024)
        return 'an identity file path is required';
      if (value.startsWith('-'))
        return 'an identity file must not start with "-" (ssh would read it as an option)';
      return [...value].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\u007f')
        ? 'an identity file path has no control characters'
        : undefined;
    case 'jumpHost':
      if (typeof value !== 'string' || value.length === 0) return 'a jump host is required';
      for (const hop of value.split(',')) {
        const problem = hostNameProblem(hop);
        if (problem) return `jump host ${JSON.stringify(hop)}: ${problem}`;
      }
      return undefined;
  }
}

/**
 * `-l user -p port -i identity -J jump -o Name=value...`, each validated again here (the store file may have
 * been edited by hand); they go before `--` and the destination.
 */
export function sshHostOptionArgs(options: SshHostOptions): string[] {
  const argv: string[] = [];
  const add = (flag: string, key: ScalarKey): void => {
    const value = options[key];
    if (value === undefined) return;
    const problem = sshHostOptionProblem(key, value);
    if (problem) throw new InvalidHostNameError(String(value), problem);
    argv.push(flag, String(value));
  };
  add('-l', 'user');
  add('-p', 'port');
  add('-i', 'identityFile');
  add('-J', 'jumpHost');
  if (options.proxyCommand !== undefined && options.jumpHost === undefined) {
    const problem = sshHostOptionProblem('proxyCommand', options.proxyCommand);
    if (problem) throw new InvalidHostNameError(options.proxyCommand, problem);
    argv.push('-o', `ProxyCommand=${options.proxyCommand}`);
  }
  for (const [name, value] of Object.entries(options.extraOptions ?? {})) {
    const problem = sshExtraOptionProblem(name, value);
    if (problem) throw new InvalidHostNameError(`${name}=${value}`, problem);
    argv.push('-o', `${name}=${value}`);
  }
  return argv;
}
