import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../src-preload/api';
import { FirstConnectionWatch } from '../../../src-main/sessions/firstConnection';

const session = (id: string, hostId: string, status: SessionInfo['status']): SessionInfo => ({
  id,
  hostId,
  label: hostId,
  createdAt: 0,
  state: 'running',
  attachedClients: 0,
  mode: 'local',
  status,
});

describe('FirstConnectionWatch (Recent on first connect)', () => {
  it('records a session opened here once, when it first connects; never one that does not', () => {
    const recorded: string[] = [];
    const watch = new FirstConnectionWatch((hostId) => recorded.push(hostId));
    watch.opened(session('a', 'web', 'connecting'));
    watch.opened(session('b', 'down', 'connecting'));
    watch.observe([session('a', 'web', 'connecting'), session('b', 'down', 'error')]);
    expect(recorded).toEqual([]);
    watch.observe([session('a', 'web', 'connected'), session('b', 'down', 'error')]);
    // A later drop and reconnect is not a second first connection.
    watch.observe([session('a', 'web', 'disconnected'), session('b', 'down', 'error')]);
    watch.observe([session('a', 'web', 'connected'), session('b', 'down', 'error')]);
    expect(recorded).toEqual(['web']);
  });

  it('records at once a session already connected (a shared connection) and forgets closed ones', () => {
    const recorded: string[] = [];
    const watch = new FirstConnectionWatch((hostId) => recorded.push(hostId));
    watch.opened(session('a', 'web', 'connected'));
    watch.opened(session('b', 'db', 'connecting'));
    watch.observe([]);
    // Restored sessions (not opened here) connecting are not recorded; nor is a closed one's id reused.
    watch.observe([session('b', 'db', 'connected'), session('c', 'old', 'connected')]);
    expect(recorded).toEqual(['web']);
  });
});
