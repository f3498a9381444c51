import { describe, expect, it } from 'vitest';
import { agentShareEntry } from '../../../src-renderer/src/components/TabBar/tabMenus.logic';
import { session } from './fixtures';

/** The tab menu's "Share with agents": offered for a human's tmux session, revocable, explained when not. */
describe('Share with agents on a tab', () => {
  it('offers sharing a human session, and stopping it once shared', () => {
    expect(agentShareEntry(session('mx-1'))).toMatchObject({ id: 'shareAgents', label: 'Share with agents' });
    expect(agentShareEntry(session('mx-1')).disabled).toBeUndefined();
    expect(agentShareEntry(session('mx-1', { sharedWithAgents: true }))).toMatchObject({
      id: 'unshareAgents',
      label: 'Stop sharing with agents',
    });
  });

  it('says why an agent’s own, a direct or a missing session cannot be shared', () => {
    expect(agentShareEntry(session('mx-2', { agent: { client: 'cursor' } }))).toMatchObject({
      disabled: true,
      title: expect.stringContaining('cursor'),
    });
    expect(agentShareEntry(session('dx-1', { mode: 'direct' }))).toMatchObject({
      disabled: true,
      title: expect.stringContaining('without tmux'),
    });
    expect(agentShareEntry(undefined)).toMatchObject({ disabled: true });
  });
});
