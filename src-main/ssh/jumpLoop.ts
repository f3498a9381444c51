import type { CommandRunner } from '../ports';
import { firstJumpHost } from '../../src-preload/api';
import { resolveSshTarget, type SshTarget } from './sshTarget';

export { firstJumpHost };

/** A longer chain of jump hosts than this is treated as a loop: nobody jumps through ten hosts. */
const MAX_HOPS = 10;

/**
 * The chain of jump hosts that leads back to one already on it (`a → b → a`), or undefined. OpenSSH
 * does not notice such a loop: each ssh starts the next for its ProxyJump, without end, until the
 * machine runs out of processes. Muxdeck follows the chain with `ssh -G` (which starts nothing) first.
 */
export async function findJumpLoop(opts: {
  runner: CommandRunner;
  sshPath: string;
  /** Options that choose the config (-F), as the session's ssh gets them. */
  configOptions: readonly string[];
  destination: string;
  target: SshTarget;
  env: NodeJS.ProcessEnv;
}): Promise<string[] | undefined> {
  const chain = [opts.destination];
  let next = opts.target.proxyJump ? firstJumpHost(opts.target.proxyJump) : undefined;
  while (next !== undefined) {
    chain.push(next);
    if (chain.indexOf(next) < chain.length - 1 || chain.length > MAX_HOPS) return chain;
    const hop = await resolveSshTarget({
      runner: opts.runner,
      sshPath: opts.sshPath,
      options: opts.configOptions,
      destination: next,
      env: opts.env,
    });
    next = hop?.proxyJump ? firstJumpHost(hop.proxyJump) : undefined;
  }
  return undefined;
}

/** A constant script that prints Muxdeck's words (a positional parameter) and ends as ssh's errors do. */
const REFUSE_SCRIPT = 'printf \'muxdeck: %s\\r\\n\' "$1" >&2; exit 255';

/** The pane command for a session Muxdeck will not start, telling why in the pane. */
export function refusalCommand(message: string): string[] {
  return ['/bin/sh', '-c', REFUSE_SCRIPT, 'muxdeck-refuse', message];
}

export function jumpLoopMessage(chain: readonly string[]): string {
  return `ProxyJump loop: ${chain.join(' → ')}; ssh would start itself without end, so it was not started`;
}
