import type { Host, SessionInfo, SourceStatus } from '../../../src-preload/api';

export function session(id: string, overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id,
    hostId: `ssh-config:${id}`,
    label: id,
    createdAt: 1_000,
    state: 'running',
    attachedClients: 0,
    mode: 'local',
    status: 'connected',
    ...overrides,
  };
}

export function host(label: string, overrides: Partial<Host> = {}): Host {
  return { id: `ssh-config:${label}`, label, sourceId: 'ssh-config', groups: [], ...overrides };
}

export function source(id: string, overrides: Partial<SourceStatus> = {}): SourceStatus {
  return { id, kind: 'ssh-config', label: id, hostCount: 0, ...overrides };
}
