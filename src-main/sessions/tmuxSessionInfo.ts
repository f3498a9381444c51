import type { SessionInfo } from '../../src-preload/api';
import type { TmuxSessionRecord } from '../tmux/sessionListParser';
import { parseStoredDeadline } from './connectDeadline';
import { parseEnding } from './sessionHealth';

/** A Muxdeck session as the UI sees it, read from tmux's record of it and its `@muxdeck_*` options. */
export function tmuxSessionInfo(record: TmuxSessionRecord, reconnect: SessionInfo['reconnect']): SessionInfo {
  const { options } = record;
  const number = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
  const statusSince = number(options.statusSince);
  const connectedAt = number(options.connectedAt);
  const reconnectedAt = number(options.reconnectedAt);
  const ending = parseEnding(options.ending);
  const deadline = parseStoredDeadline(options.deadline);
  return {
    id: record.name,
    hostId: options.hostId ?? '',
    label: options.label ?? record.name,
    createdAt: record.createdAt,
    state: record.paneDead ? 'exited' : 'running',
    ...(record.paneDead && record.paneDeadStatus !== undefined ? { exitStatus: record.paneDeadStatus } : {}),
    attachedClients: record.attachedClients,
    mode: options.mode === 'remote' || options.mode === 'direct' ? options.mode : 'local',
    status: parseStatus(options.status),
    ...(options.reason ? { reason: options.reason } : {}),
    ...(statusSince !== undefined ? { statusSince } : {}),
    ...(connectedAt !== undefined ? { connectedAt } : {}),
    ...(reconnectedAt !== undefined ? { reconnectedAt } : {}),
    ...(ending ? { ending } : {}),
    ...(deadline ? { connectDeadline: deadline } : {}),
    ...(reconnect ? { reconnect } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
    ...(options.owner === 'agent'
      ? {
          agent: {
            client: options.agentClient ?? 'agent',
            ...(options.agentActivity ? { doing: options.agentActivity } : {}),
          },
        }
      : {}),
    ...(options.sharedWithAgents === '1' ? { sharedWithAgents: true } : {}),
  };
}

function parseStatus(value: string | undefined): SessionInfo['status'] {
  return value === 'connected' || value === 'disconnected' || value === 'error' ? value : 'connecting';
}
