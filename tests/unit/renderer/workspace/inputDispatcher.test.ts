import { describe, expect, it, vi } from 'vitest';
import type { ApiResponse } from '../../../../src-preload/api';
import { createMuxdeckClient } from '../../../../src-renderer/src/bridge/client';
import { createAppStore } from '../../../../src-renderer/src/stores/appStore';
import {
  startGroupBroadcast,
  togglePane,
} from '../../../../src-renderer/src/stores/workspace/broadcast.logic';
import { openAsGroup, showSession } from '../../../../src-renderer/src/stores/workspace/workspace.logic';
import { InputDispatcher } from '../../../../src-renderer/src/terminal/inputDispatcher';
import { FakeTransport } from '../fakeTransport';
import { session } from '../fixtures';

const ok = (result: unknown): ApiResponse => ({ ok: true, result });

/** Group g of a, b, c (c disconnected) and a pane "out" outside it; each pane's terminal is t-<id>. */
function setup(missedByMain: string[] = []) {
  const transport = new FakeTransport();
  transport.answer('terminal:input', ok({}));
  transport.answer('terminal:broadcast', (payload) => {
    const { terminalIds } = payload as { terminalIds: string[] };
    return ok({ delivered: terminalIds.length - missedByMain.length, missed: missedByMain });
  });
  const store = createAppStore('connected');
  store
    .getState()
    .sessionsReplaced([session('out'), session('a'), session('b'), session('c', { status: 'disconnected' })]);
  store.getState().workspaceRestored({
    ...openAsGroup(showSession({ tabs: [], groups: [], activeTabId: null }, 'out', 't1'), {
      sessionIds: ['a', 'b', 'c'],
      groupId: 'g',
      name: 'web',
      tabId: () => 't2',
    }),
  });
  const dispatcher = new InputDispatcher(createMuxdeckClient(transport), store);
  for (const id of ['out', 'a', 'b', 'c']) dispatcher.attached(id, `t-${id}`);
  const sent = () => transport.calls.filter((call) => call.channel.startsWith('terminal:'));
  return { transport, store, dispatcher, sent };
}

describe('input dispatcher', () => {
  it('sends a pane its own keys when nothing is broadcast', () => {
    const { dispatcher, sent } = setup();
    dispatcher.send('a', 'ls\r');
    expect(sent()).toEqual([{ channel: 'terminal:input', payload: { terminalId: 't-a', data: 'ls\r' } }]);
  });

  it('fans a target pane out to every live target in one message, and skips the disconnected one', async () => {
    const { dispatcher, store, sent } = setup();
    store.getState().setBroadcast(() => startGroupBroadcast('g'));
    dispatcher.send('b', 'u');
    expect(sent()).toEqual([
      { channel: 'terminal:broadcast', payload: { terminalIds: ['t-a', 't-b'], data: 'u' } },
    ]);
    expect(dispatcher.state.getState().missed).toBe(1);
  });

  it('keeps the broadcast from a pane outside it, and an excluded pane gets none of it', () => {
    const { dispatcher, store, sent } = setup();
    store.getState().setBroadcast((_current, ws) => togglePane(startGroupBroadcast('g'), ws, 'b'));
    dispatcher.send('out', 'x');
    dispatcher.send('b', 'y');
    dispatcher.send('a', 'z');
    expect(sent()).toEqual([
      { channel: 'terminal:input', payload: { terminalId: 't-out', data: 'x' } },
      { channel: 'terminal:input', payload: { terminalId: 't-b', data: 'y' } },
      { channel: 'terminal:broadcast', payload: { terminalIds: ['t-a'], data: 'z' } },
    ]);
  });

  it('counts targets the main process could not write to as missed too', async () => {
    const { dispatcher, store } = setup(['t-b']);
    store.getState().setBroadcast(() => startGroupBroadcast('g'));
    dispatcher.sendToAll('uptime\r');
    await vi.waitFor(() => expect(dispatcher.state.getState().missed).toBe(2));
  });

  it('asks before a paste reaches several hosts, and sends nothing when declined', async () => {
    const { dispatcher, store } = setup();
    store.getState().setBroadcast(() => startGroupBroadcast('g'));
    const deliver = vi.fn();
    const declined = dispatcher.paste('a', 'rm -rf /tmp/x', deliver);
    expect(dispatcher.state.getState().pending).toEqual({
      text: 'rm -rf /tmp/x',
      targets: 3,
      hosts: ['a', 'b', 'c'],
    });
    dispatcher.resolvePaste(false);
    expect(await declined).toBe(false);
    expect(deliver).not.toHaveBeenCalled();
    const accepted = dispatcher.paste('a', 'ls', deliver);
    dispatcher.resolvePaste(true);
    expect(await accepted).toBe(true);
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(dispatcher.state.getState().pending).toBeNull();
  });

  it('pastes into a lone pane without asking', async () => {
    const { dispatcher } = setup();
    const deliver = vi.fn();
    expect(await dispatcher.paste('out', 'one\ntwo', deliver)).toBe(true);
    expect(deliver).toHaveBeenCalledTimes(1);
  });
});
