import { describe, expect, it } from 'vitest';
import type { ApiResponse, EventPayload } from '../../../src-preload/api';
import { startApp } from '../../../src-renderer/src/app/startApp';
import { createMuxdeckClient } from '../../../src-renderer/src/bridge/client';
import { createAppStore, selectFocusedSession } from '../../../src-renderer/src/stores/appStore';
import { findSession } from '../../../src-renderer/src/stores/sessions.logic';
import { reconnectSession } from '../../../src-renderer/src/terminal/reconnectSession';
import {
  describeStatus,
  effectiveStatus,
  formatDuration,
  reconnectOverlay,
  statusLineText,
} from '../../../src-renderer/src/terminal/sessionStatus.logic';
import { session } from './fixtures';
import { FakeTransport } from './fakeTransport';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [59_999, '59s'],
    [60_000, '1m'],
    [59 * 60_000, '59m'],
    [2 * HOUR + 30 * 60_000, '2h'],
    [3 * 24 * HOUR, '3d'],
    [-5_000, '0s'],
  ])('%i ms reads %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('effectiveStatus', () => {
  it('is the reported status while ssh runs', () => {
    expect(effectiveStatus(session('a', { status: 'connecting' }))).toBe('connecting');
    expect(effectiveStatus(session('a', { status: 'error', state: 'exited' }))).toBe('error');
  });

  it('never says connected (or connecting) for a pane whose ssh has exited', () => {
    expect(effectiveStatus(session('a', { status: 'connected', state: 'exited' }))).toBe('disconnected');
    expect(effectiveStatus(session('a', { status: 'connecting', state: 'exited' }))).toBe('disconnected');
  });
});

describe('describeStatus (tab aria-description)', () => {
  it('is the bare status when all is well', () => {
    expect(describeStatus(session('a', { status: 'connected' }))).toBe('connected');
    expect(describeStatus(session('a', { status: 'connecting' }))).toBe('connecting');
  });

  it('says why and whether Muxdeck retries', () => {
    const dropped = session('a', {
      status: 'disconnected',
      reason: 'Connection refused',
      reconnect: { attempt: 2, maxAttempts: 3, nextAt: NOW + 4_000 },
    });
    expect(describeStatus(dropped)).toBe('disconnected: Connection refused — retrying 2/3');
    expect(describeStatus(session('a', { status: 'error', reason: 'Permission denied (publickey)' }))).toBe(
      'error: Permission denied (publickey)',
    );
  });

  it('falls back to the exit status when no reason is known', () => {
    expect(describeStatus(session('a', { state: 'exited', exitStatus: 255 }))).toBe(
      'disconnected: ssh exited with status 255',
    );
  });

  it('says nothing about retries when they are turned off', () => {
    const off = session('a', {
      status: 'disconnected',
      reason: 'Connection reset',
      reconnect: { attempt: 1, maxAttempts: 0 },
    });
    expect(describeStatus(off)).toBe('disconnected: Connection reset');
  });
});

describe('statusLineText', () => {
  it('says how long a session has been connected', () => {
    const connected = session('a', {
      status: 'connected',
      connectedAt: NOW - 2 * HOUR,
      statusSince: NOW - 60_000,
    });
    expect(statusLineText(connected, NOW)).toBe('connected 2h');
  });

  it('says how long it has been down, why, and the retry', () => {
    const dropped = session('a', {
      status: 'disconnected',
      statusSince: NOW - 12_000,
      reason: 'Connection refused',
      reconnect: { attempt: 1, maxAttempts: 3 },
    });
    expect(statusLineText(dropped, NOW)).toBe('disconnected 12s: Connection refused — retrying 1/3');
  });

  it('has no age when the server gave no timestamps', () => {
    expect(statusLineText(session('a', { status: 'connected' }), NOW)).toBe('connected');
    expect(statusLineText(session('a', { status: 'connecting' }), NOW)).toBe('connecting…');
  });
});

describe('reconnectOverlay', () => {
  it('is not shown while connecting or connected', () => {
    expect(reconnectOverlay(session('a', { status: 'connected' }), NOW)).toBeNull();
    expect(reconnectOverlay(session('a', { status: 'connecting' }), NOW)).toBeNull();
  });

  it('counts down to the next automatic retry', () => {
    const dropped = session('a', {
      status: 'disconnected',
      reason: 'Connection timed out',
      reconnect: { attempt: 2, maxAttempts: 3, nextAt: NOW + 3_200 },
    });
    expect(reconnectOverlay(dropped, NOW)).toEqual({
      tone: 'disconnected',
      title: 'Disconnected',
      reason: 'Connection timed out',
      retry: 'Retrying in 4 s (attempt 2 of 3).',
    });
    expect(reconnectOverlay(dropped, NOW + 3_200)?.retry).toBe('Reconnecting… (attempt 2 of 3)');
  });

  it('says when Muxdeck has stopped retrying', () => {
    const gaveUp = session('a', {
      status: 'disconnected',
      reason: 'Connection refused (gave up after 3 attempts)',
    });
    expect(reconnectOverlay(gaveUp, NOW)?.retry).toBe('Muxdeck is not retrying.');
  });

  it('is an error that needs the user when ssh cannot work without them', () => {
    const failed = session('a', { status: 'error', reason: 'Host key for web-01 has changed' });
    expect(reconnectOverlay(failed, NOW)).toMatchObject({
      tone: 'error',
      title: 'Connection failed',
      reason: 'Host key for web-01 has changed',
    });
  });

  it('shows for a dead pane from a server that reports no status', () => {
    expect(
      reconnectOverlay(session('a', { state: 'exited', exitStatus: 255, status: 'connecting' }), NOW),
    ).toMatchObject({
      tone: 'disconnected',
      reason: 'ssh exited with status 255',
    });
  });
});

describe('status from sessions:changed', () => {
  const ok = (result: unknown): ApiResponse => ({ ok: true, result });

  function setup() {
    const transport = new FakeTransport();
    transport.answer('sessions:list', ok([session('web', { status: 'connected', connectedAt: NOW - HOUR })]));
    const client = createMuxdeckClient(transport);
    const store = createAppStore('connected');
    return { transport, client, store };
  }

  it('follows a session from connected to disconnected and back, as the tab and status line read it', async () => {
    const { transport, client, store } = setup();
    await startApp(client, store);
    const web = () => findSession(store.getState().sessions, 'web');
    expect(describeStatus(web()!)).toBe('connected');

    transport.emit({
      event: 'sessions:changed',
      payload: {
        sessions: [
          session('web', {
            status: 'disconnected',
            reason: 'Connection reset by peer',
            statusSince: NOW - 5_000,
            reconnect: { attempt: 1, maxAttempts: 3, nextAt: NOW + 1_000 },
          }),
        ],
      },
    });
    expect(describeStatus(web()!)).toBe('disconnected: Connection reset by peer — retrying 1/3');
    expect(statusLineText(web()!, NOW)).toBe('disconnected 5s: Connection reset by peer — retrying 1/3');
    expect(reconnectOverlay(web()!, NOW)?.retry).toBe('Retrying in 1 s (attempt 1 of 3).');

    transport.emit({
      event: 'sessions:changed',
      payload: { sessions: [session('web', { status: 'connected', connectedAt: NOW })] },
    });
    expect(reconnectOverlay(web()!, NOW)).toBeNull();
    expect(statusLineText(web()!, NOW + 90_000)).toBe('connected 1m');
  });

  it('fills in defaults for a main process that sends no status fields', async () => {
    const { transport, client, store } = setup();
    await startApp(client, store);
    const bare = { id: 'old', hostId: 'h', label: 'old', createdAt: 1, state: 'exited', attachedClients: 0 };
    // What an older main process sends: the client's schema fills in the defaults.
    const payload = { sessions: [bare] } as unknown as EventPayload<'sessions:changed'>;
    transport.emit({ event: 'sessions:changed', payload });
    const old = findSession(store.getState().sessions, 'old')!;
    expect(old.status).toBe('connecting');
    expect(effectiveStatus(old)).toBe('disconnected');
  });
});

describe('reconnectSession', () => {
  it('asks for sessions:reconnect and shows the answer at once', async () => {
    const transport = new FakeTransport();
    const store = createAppStore('connected');
    store.getState().sessionsReplaced([session('web', { status: 'error', reason: 'Connection refused' })]);
    store.getState().workspaceRestored(null);
    transport.answer('sessions:reconnect', { ok: true, result: session('web', { status: 'connecting' }) });
    await reconnectSession(createMuxdeckClient(transport), store, 'web');
    expect(transport.calls).toEqual([{ channel: 'sessions:reconnect', payload: { sessionId: 'web' } }]);
    expect(findSession(store.getState().sessions, 'web')?.status).toBe('connecting');
    expect(selectFocusedSession(store.getState())).toBe('web');
  });

  it('turns a refusal into a notice', async () => {
    const transport = new FakeTransport();
    const store = createAppStore('connected');
    store.getState().sessionsReplaced([session('web', { label: 'web-01', status: 'error' })]);
    transport.answer('sessions:reconnect', { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
    await reconnectSession(createMuxdeckClient(transport), store, 'web');
    expect(store.getState().notices.map((notice) => notice.message)).toEqual([
      'Could not reconnect web-01: gone',
    ]);
  });
});

describe('endings in words', () => {
  const negotiation = 'Unable to negotiate with 10.0.0.5 port 22: no matching host key type found.';

  it('a host that was never reached "could not connect", on the tab, the status line and the overlay', () => {
    const failed = session('a', {
      state: 'exited',
      status: 'error',
      reason: negotiation,
      statusSince: NOW - 5_000,
      ending: { kind: 'connect-failed', cause: 'negotiation', message: negotiation, at: NOW - 5_000 },
    });
    expect(describeStatus(failed)).toBe(`could not connect: ${negotiation}`);
    expect(statusLineText(failed, NOW)).toBe(`could not connect 5s: ${negotiation}`);
    expect(reconnectOverlay(failed, NOW)).toMatchObject({ tone: 'error', title: 'Could not connect' });
  });

  it('an ending nobody could explain says so; a kept exit says the session ended', () => {
    const unknown = session('a', {
      state: 'exited',
      status: 'error',
      reason: 'Ended for an unknown reason (no exit status recorded)',
      ending: { kind: 'unknown', at: NOW },
    });
    expect(reconnectOverlay(unknown, NOW)?.title).toBe('Ended for an unknown reason');
    const exited = session('a', {
      state: 'exited',
      status: 'disconnected',
      reason: 'The session ended with exit status 3',
      ending: { kind: 'exited', exitStatus: 3, at: NOW },
    });
    expect(describeStatus(exited)).toBe('ended: The session ended with exit status 3');
    expect(reconnectOverlay(exited, NOW)?.title).toBe('Session ended');
  });

  it('shows the time spent connecting against the deadline', () => {
    const connecting = session('a', {
      status: 'connecting',
      statusSince: NOW - 7_000,
      connectDeadline: { seconds: 20, source: 'setting' },
    });
    expect(statusLineText(connecting, NOW)).toBe('connecting… 7s of 20s');
  });

  it('says "reconnected" for a while after a dropped session connected again', () => {
    const back = session('a', { status: 'connected', connectedAt: NOW - 3_000, reconnectedAt: NOW - 3_000 });
    expect(statusLineText(back, NOW)).toBe(
      'reconnected 3s: a new login, the earlier shell (sudo, cd, virtualenv) is gone',
    );
    expect(statusLineText(back, NOW + 10_000)).toBe('connected 13s');
  });
});
