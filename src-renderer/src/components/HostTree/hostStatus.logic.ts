import type { ConnectionStatus, SessionInfo } from '../../../../src-preload/api';

const RANK: Record<ConnectionStatus, number> = { connected: 3, connecting: 2, disconnected: 1, error: 0 };

/**
 * One status per host for the tree's dot: the best of its sessions (one connected pane makes the host
 * "connected"). A pane whose ssh exited counts as disconnected whatever its last status said.
 */
export function hostStatuses(sessions: readonly SessionInfo[]): Map<string, ConnectionStatus> {
  const statuses = new Map<string, ConnectionStatus>();
  for (const session of sessions) {
    const status: ConnectionStatus =
      session.state === 'exited' && (session.status === 'connected' || session.status === 'connecting')
        ? 'disconnected'
        : session.status;
    const current = statuses.get(session.hostId);
    if (current === undefined || RANK[status] > RANK[current]) statuses.set(session.hostId, status);
  }
  return statuses;
}
