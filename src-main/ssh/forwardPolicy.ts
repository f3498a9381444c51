import { isAbsolute, relative, resolve } from 'node:path';
import {
  isLoopbackBind,
  SSH_LISTENING_FORWARDS,
  sshForwardParts,
  type SshExtraOptions,
} from '../../src-preload/api';

/** A forward that must not be saved as it is: refused outright, or only once the user confirmed it. */
export interface ForwardRisk {
  option: string;
  value: string;
  verdict: 'refused' | 'confirm';
  reason: string;
}

/**
 * The forwards among a host's or folder's extra options that reach beyond what a connection needs:
 * - a listening side beyond loopback (`0.0.0.0:8080`, `*:1080`, `:8080`): others on that network can use
 *   it — confirmed by the user;
 * - a RemoteForward to a Unix socket of this machine: every user of the remote host can talk to it —
 *   confirmed by the user, and refused outright when the socket is in one of Muxdeck's own directories
 *   (its tmux server, askpass and shared-connection sockets are shells on this machine and on every host).
 * `ownDirs` are absolute; paths are compared after resolving `.` and `..`.
 */
export function forwardRisks(
  options: SshExtraOptions | undefined,
  ownDirs: readonly string[],
): ForwardRisk[] {
  const risks: ForwardRisk[] = [];
  for (const [option, value] of Object.entries(options ?? {})) {
    if (!(SSH_LISTENING_FORWARDS as readonly string[]).includes(option)) continue;
    const { bind, target } = sshForwardParts(value);
    if (option === 'RemoteForward' && target?.startsWith('/')) {
      const socket = resolve(target);
      if (ownDirs.some((dir) => isInside(socket, dir))) {
        risks.push({
          option,
          value,
          verdict: 'refused',
          reason: `${target} is in Muxdeck's own directory: forwarding it would hand the remote host your sessions`,
        });
        continue;
      }
      risks.push({
        option,
        value,
        verdict: 'confirm',
        reason: `every user of the remote host can reach the local socket ${target}`,
      });
    }
    if (!isLoopbackBind(bind)) {
      risks.push({
        option,
        value,
        verdict: 'confirm',
        reason: `listens on ${bind === '' || bind === '*' ? 'every interface' : bind}, beyond loopback`,
      });
    }
  }
  return risks;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
