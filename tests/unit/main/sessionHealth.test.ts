import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_RECONNECT_POLICY } from '../../../src-main/sessions/reconnectPolicy';
import { SessionHealth } from '../../../src-main/sessions/sessionHealth';
import type { ConnectionSharing } from '../../../src-main/ssh/connectionSharing';
import type { TmuxSessionRecord } from '../../../src-main/tmux/sessionListParser';
import type { TmuxServer } from '../../../src-main/tmux/tmuxServer';
import { manualClock } from '../../fakes/manualClock';

/** One session in a tmux that answers from memory; capturePane can be made to fail, as under heavy load. */
function fakeTmux(record: TmuxSessionRecord, screen = 'Permission denied (publickey).\n') {
  let failCaptures = 0;
  const signals: string[] = [];
  const tmux = {
    signals,
    listSessions: async () => [structuredClone(record)],
    signalServer: async (signal: string) => void signals.push(signal),
    capturePane: async () => {
      if (failCaptures > 0) {
        failCaptures -= 1;
        throw new Error('tmux capture-pane timed out');
      }
      return screen;
    },
    setOptions: async (_name: string, options: Record<string, string | undefined>) => {
      for (const [key, value] of Object.entries(options)) {
        if (value === undefined) delete record.options[key as keyof typeof record.options];
        else Object.assign(record.options, { [key]: value });
      }
    },
    killSession: async () => undefined,
    respawnPane: async () => undefined,
    replaceWindow: async () => undefined,
  };
  return {
    tmux: tmux as unknown as TmuxServer,
    signals,
    failNextCaptures: (n: number) => void (failCaptures = n),
  };
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

  const dead = (options: TmuxSessionRecord['options'] = {}): TmuxSessionRecord => ({
    name: 'mx-2',
    createdAt: 0,
    attachedClients: 0,
    paneDead: true,
    paneDeadAt: 1000,
    panePid: 4242,
    options: { hostId: 'ssh-config:box', label: 'box', status: 'connecting', ...options },
  });
  const healthFor = (
    tmux: TmuxServer,
    clock: ReturnType<typeof manualClock>['clock'],
    extra: Partial<ConstructorParameters<typeof SessionHealth>[0]> = {},
  ) =>
    new SessionHealth({
      tmux,
      sharing,
      clock,
      policy: () => DEFAULT_RECONNECT_POLICY,
      keepClosedPanes: () => false,
      onChange: () => undefined,
      logger: silent,
      ...extra,
    });

  it('waits for the exit status while tmux has not reaped the process, and nudges tmux to reap it', async () => {
    const record = dead({ connectedAt: '500' });
    const { tmux, signals } = fakeTmux(record, 'root@box:~# exit\nlogout\n');
    const { clock, advance } = manualClock();
    const health = healthFor(tmux, clock, { processExists: () => true });
    await health.reconcile();
    advance(1_500);
    await health.reconcile();
    // No status yet: not judged (the old code called this "finished" and closed the tab), tmux nudged.
    expect(record.options.status).toBe('connecting');
    expect(signals).toEqual(['SIGCHLD']);
    record.paneDeadStatus = 0;
    await health.reconcile();
    expect(record.options.ending).toBeUndefined();
    health.dispose();
  });

  it('an exit status that never comes is an unknown ending: the pane is kept, never taken for an exit', async () => {
    const record = dead({ connectedAt: '500' });
    const { tmux } = fakeTmux(record, 'root@box:~# exit\nlogout\n');
    const { clock } = manualClock();
    const health = healthFor(tmux, clock, { processExists: () => false });
    await health.reconcile();
    expect(record.options.status).toBe('connecting');
    // Reaped without a status on a second look: lost for good.
    await health.reconcile();
    expect(record.options.status).toBe('error');
    expect(record.options.reason).toBe(
      'Ended for an unknown reason (no exit status recorded); last line: logout',
    );
    expect(JSON.parse(record.options.ending ?? '{}')).toMatchObject({ kind: 'unknown' });
    health.dispose();
  });

  it('gives up an attempt at its deadline by ending its process group, then judges it "gave up"', async () => {
    const record: TmuxSessionRecord = {
      ...dead({ statusSince: '0', deadline: '20:setting', controlPath: '/cm/x' }),
      paneDead: false,
    };
    const { tmux } = fakeTmux(record, '');
    const { clock, advance } = manualClock();
    const killed: number[] = [];
    const health = healthFor(tmux, clock, { killProcessGroup: (pid) => void killed.push(pid) });
    health.suspendDeadline('mx-2');
    advance(25_000);
    await health.reconcile();
    // The user was typing a password: no deadline for that attempt.
    expect(killed).toEqual([]);
    health.forget('mx-2');
    await health.reconcile();
    expect(killed).toEqual([4242]);
    expect(record.options.gaveUp).toBeDefined();
    Object.assign(record, { paneDead: true, paneDeadSignal: 15 });
    await health.reconcile();
    expect(record.options.status).toBe('error');
    expect(record.options.reason).toBe(
      'Gave up connecting after 20 s (the connect deadline setting); not retried',
    );
    expect(health.reconnectInfo('mx-2')).toBeUndefined();
    health.dispose();
  });
});
