import { describe, expect, it } from 'vitest';
import { tmuxSessionInfo } from '../../../src-main/sessions/tmuxSessionInfo';
import type { TmuxSessionRecord } from '../../../src-main/tmux/sessionListParser';

const record = (options: TmuxSessionRecord['options']): TmuxSessionRecord => ({
  name: 'mx-1',
  createdAt: 1,
  attachedClients: 0,
  paneDead: false,
  options: { hostId: 'ssh-config:box', label: 'box', status: 'connected', ...options },
});

/** What the app's tab and pane header read of an agent's session: the client, what it does, sharing. */
describe('an agent session as the app sees it', () => {
  it('carries the client and the line saying what the agent does now', () => {
    const info = tmuxSessionInfo(
      record({ owner: 'agent', agentClient: 'claude-code', agentActivity: 'exec `systemctl status nginx`' }),
      undefined,
    );
    expect(info.agent).toEqual({ client: 'claude-code', doing: 'exec `systemctl status nginx`' });
    expect(info.sharedWithAgents).toBeUndefined();
  });

  it('has no line between commands, and no agent at all on a human session', () => {
    expect(tmuxSessionInfo(record({ owner: 'agent', agentClient: 'cursor' }), undefined).agent).toEqual({
      client: 'cursor',
    });
    expect(tmuxSessionInfo(record({}), undefined).agent).toBeUndefined();
  });

  it('says when the human shared the session with agents', () => {
    expect(tmuxSessionInfo(record({ sharedWithAgents: '1' }), undefined).sharedWithAgents).toBe(true);
    expect(tmuxSessionInfo(record({ sharedWithAgents: '0' }), undefined).sharedWithAgents).toBeUndefined();
  });
});
