import type { ConnectDeadline } from '../../src-preload/api';
import type { SshTarget } from '../ssh/sshTarget';

/**
 * How long a connection attempt may take: the host's own ConnectTimeout when its ssh config sets one
 * (the user said how long this host may take), else the app's setting. ssh's ConnectTimeout bounds only
 * the TCP connect and banner; Muxdeck's deadline covers the whole way to a session (jump hosts,
 * negotiation, a hung server), which is what the user waits for.
 */
export function connectDeadlineFor(target: SshTarget | undefined, settingSeconds: number): ConnectDeadline {
  const own = target?.connectTimeoutSeconds;
  return own !== undefined
    ? { seconds: own, source: 'ssh-config' }
    : { seconds: settingSeconds, source: 'setting' };
}

/** When an attempt that started at `since` is given up (ms since epoch). */
export function deadlineAt(since: number, deadline: ConnectDeadline): number {
  return since + deadline.seconds * 1000;
}

/** The deadline stored with a session ("20:setting"), or undefined when absent or malformed. */
export function parseStoredDeadline(value: string | undefined): ConnectDeadline | undefined {
  const match = /^(\d+):(ssh-config|setting)$/.exec(value ?? '');
  if (!match) return undefined;
  const seconds = Number(match[1]);
  return seconds >= 1 ? { seconds, source: match[2] === 'ssh-config' ? 'ssh-config' : 'setting' } : undefined;
}

export function storeDeadline(deadline: ConnectDeadline): string {
  return `${deadline.seconds}:${deadline.source}`;
}
