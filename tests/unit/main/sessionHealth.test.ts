import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_RECONNECT_POLICY } from '../../../src-main/sessions/reconnectPolicy';
import { SessionHealth } from '../../../src-main/sessions/sessionHealth';
import type { ConnectionSharing } from '../../../src-main/ssh/connectionSharing';
import type { TmuxSessionRecord } from '../../../src-main/tmux/sessionListParser';
import type { TmuxServer } from '../../../src-main/tmux/tmuxServer';
import { manualClock } from '../../fakes/manualClock';

/** One session in a tmux that answers from memory; capturePane can be made to fail, as under heavy load. */
function fakeTmux(record: TmuxSessionRecord) {
  let failCaptures = 0;
  const tmux = {
    listSessions: async () => [structuredClone(record)],
    capturePane: async () => {
      if (failCaptures > 0) {
        failCaptures -= 1;
        throw new Error('tmux capture-pane timed out');
      }
      return 'Permission denied (publickey).\n';
    },
    setOptions: async (_name: string, options: Record<string, string | undefined>) => {
      for (const [key, value] of Object.entries(options)) {
        if (value === undefined) delete record.options[key as keyof typeof record.options];
        else Object.assign(record.options, { [key]: value });
      }
    },
    killSession: async () => undefined,
    respawnPane: async () => undefined,
  };
  return { tmux: tmux as unknown as TmuxServer, failNextCaptures: (n: number) => void (failCaptures = n) };
}

const sharing = {
  hasSocket: () => false,
  ensureUsable: async () => false,
} as unknown as ConnectionSharing;
const silent = { info() {}, warn() {}, error() {} };

describe('session health', () => {
  it('handles a death again when handling it failed half-way, instead of leaving the tab "connecting"', async () => {
    const record: TmuxSessionRecord = {
      name: 'mx-1',
      createdAt: 0,
      attachedClients: 0,
      paneDead: true,
      paneDeadStatus: 255,
      paneDeadAt: 1000,
      panePid: 42,
      options: { hostId: 'ssh-config:wrongkey', label: 'wrongkey', status: 'connecting' },
    };
    const { tmux, failNextCaptures } = fakeTmux(record);
    const { clock, advance } = manualClock();
    const health = new SessionHealth({
      tmux,
      sharing,
      clock,
      policy: () => DEFAULT_RECONNECT_POLICY,
      keepClosedPanes: () => false,
      onChange: () => undefined,
      logger: silent,
    });

    failNextCaptures(1);
    await health.reconcile();
    expect(record.options.status).toBe('connecting');

    // The settling check comes back a second later, on its own, and finishes the job.
    advance(1_000);
    await vi.waitFor(() => expect(record.options.status).toBe('error'));
    expect(record.options.reason).toMatch(/Permission denied/);
    health.dispose();
  });
});
