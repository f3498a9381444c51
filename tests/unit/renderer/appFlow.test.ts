import { describe, expect, it, vi } from 'vitest';
import type { ApiResponse } from '../../../src-preload/api';
import { createCommands } from '../../../src-renderer/src/app/commands';
import { LAYOUT_SAVE_DELAY_MS, startApp } from '../../../src-renderer/src/app/startApp';
import { createMuxdeckClient } from '../../../src-renderer/src/bridge/client';
import { createAppStore, type AppStore } from '../../../src-renderer/src/stores/appStore';
import { panesOf } from '../../../src-renderer/src/stores/workspace/layout.logic';
import { focusedSession } from '../../../src-renderer/src/stores/workspace/workspace.logic';
import { TerminalSizeHint } from '../../../src-renderer/src/terminal/terminalSize';
import { host, session, source } from './fixtures';
import { FakeTransport } from './fakeTransport';

const ok = (result: unknown): ApiResponse => ({ ok: true, result });

/** The tabs as session ids (a tab of several panes reads "a|b") and the focused session. */
function tabsView(store: AppStore): { order: string[]; activeId: string | null } {
  const { workspace } = store.getState();
  return {
    order: workspace.tabs.map((tab) => panesOf(tab.root).join('|')),
    activeId: focusedSession(workspace),
  };
}

function setup() {
  const transport = new FakeTransport();
  transport.answer('sessions:list', ok([]));
  const client = createMuxdeckClient(transport);
  const store = createAppStore('connected');
  // Hosts arrive with the tree (tests/unit/renderer/treeFlow.test.ts); commands read labels from here.
  store.getState().hostsLoaded({
    hosts: [host('web'), host('-oProxyCommand=x', { problem: 'starts with -' })],
    sources: [source('ssh-config')],
  });
  const sizeHint = new TerminalSizeHint({ width: 8, height: 16 });
  sizeHint.remember({ cols: 100, rows: 30 });
  const commands = createCommands(client, store, sizeHint);
  return { transport, client, store, commands, sizeHint };
}

describe('startup', () => {
  it('restores a tab for every existing session', async () => {
    const { transport, client, store } = setup();
    transport.answer('sessions:list', ok([session('b', { createdAt: 2 }), session('a', { createdAt: 1 })]));
    await startApp(client, store);
    expect(tabsView(store)).toEqual({ order: ['a', 'b'], activeId: 'a' });
  });

  it('follows sessions:changed, and a late sessions:list answer does not undo it', async () => {
    const { transport, client, store } = setup();
    let answerList: (response: ApiResponse) => void = () => {};
    transport.answer('sessions:list', () => new Promise<ApiResponse>((resolve) => (answerList = resolve)));
    const started = startApp(client, store);
    transport.emit({ event: 'sessions:changed', payload: { sessions: [session('new')] } });
    answerList(ok([]));
    await started;
    expect(tabsView(store).order).toEqual(['new']);
  });
});

describe('commands', () => {
  it('opens a host at the hinted size and activates its new tab', async () => {
    const { transport, client, store, commands } = setup();
    await startApp(client, store);
    transport.answer('sessions:open', ok(session('s1', { label: 'web' })));
    await commands.openHost('ssh-config:web');
    expect(transport.calls.at(-1)).toEqual({
      channel: 'sessions:open',
      payload: { hostId: 'ssh-config:web', cols: 100, rows: 30 },
    });
    expect(tabsView(store)).toEqual({ order: ['s1'], activeId: 's1' });
    expect(store.getState().opening).toEqual([]);
  });

  it("shows the server's reason when a host cannot be opened, and opens no tab", async () => {
    const { transport, client, store, commands } = setup();
    await startApp(client, store);
    transport.answer('sessions:open', {
      ok: false,
      error: { code: 'INVALID_HOST', message: 'host name starts with -' },
    });
    await commands.openHost('ssh-config:-oProxyCommand=x');
    expect(store.getState().notices.map((n) => n.message)).toEqual([
      'Could not connect to -oProxyCommand=x: host name starts with -',
    ]);
    expect(tabsView(store).order).toEqual([]);
  });

  it('ignores a second open of the same host while the first is in flight', async () => {
    const { transport, client, store, commands } = setup();
    await startApp(client, store);
    transport.answer('sessions:open', ok(session('s1')));
    await Promise.all([commands.openHost('ssh-config:web'), commands.openHost('ssh-config:web')]);
    expect(transport.calls.filter((call) => call.channel === 'sessions:open')).toHaveLength(1);
  });

  it('closing removes the tab, also when the session was already gone', async () => {
    const { transport, client, store, commands } = setup();
    transport.answer('sessions:list', ok([session('a'), session('b', { createdAt: 2_000 })]));
    await startApp(client, store);
    transport.answer('sessions:close', ok({ closed: true }));
    await commands.closeActiveTab();
    expect(tabsView(store)).toEqual({ order: ['b'], activeId: 'b' });
    transport.answer('sessions:close', {
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no such session' },
    });
    await commands.closeSession('b');
    expect(tabsView(store)).toEqual({ order: [], activeId: null });
    expect(store.getState().notices).toEqual([]);
  });

  it('keeps the tab and says why when closing fails', async () => {
    const { transport, client, store, commands } = setup();
    transport.answer('sessions:list', ok([session('a', { label: 'web' })]));
    await startApp(client, store);
    transport.answer('sessions:close', {
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'tmux is gone' },
    });
    await commands.closeSession('a');
    expect(tabsView(store).order).toEqual(['a']);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['Could not close web: tmux is gone']);
  });
});

describe('open racing sessions:changed', () => {
  it('shows one active tab whether the event or the answer comes first', async () => {
    const { transport, client, store, commands } = setup();
    await startApp(client, store);
    transport.answer('sessions:open', () => {
      // The server announces the new session before it answers the open.
      transport.emit({ event: 'sessions:changed', payload: { sessions: [session('s1')] } });
      return ok(session('s1'));
    });
    await commands.openHost('ssh-config:web');
    expect(tabsView(store)).toEqual({ order: ['s1'], activeId: 's1' });
    expect(store.getState().sessions).toHaveLength(1);
  });

  it('forgets a terminal status when its session goes away', () => {
    const { store } = setup();
    store.getState().sessionsReplaced([session('a'), session('b')]);
    store.getState().setTerminalStatus('a', { phase: 'attached' });
    store.getState().setTerminalStatus('b', { phase: 'attached' });
    store.getState().sessionsReplaced([session('b')]);
    expect(Object.keys(store.getState().terminals)).toEqual(['b']);
  });
});

describe('splits and groups', () => {
  /** sessions:open answers a new session per call (s1, s2...), failing for hosts named in `failing`. */
  function opening(transport: FakeTransport, failing: string[] = []) {
    let n = 0;
    transport.answer('sessions:open', (payload) => {
      const { hostId } = payload as { hostId: string };
      if (failing.includes(hostId)) return { ok: false, error: { code: 'UNAVAILABLE', message: 'refused' } };
      n += 1;
      return ok(session(`s${n}`, { hostId, label: hostId.replace('ssh-config:', '') }));
    });
  }

  it('opens a selection as one group tab tiled with every host that answered, and says which did not', async () => {
    const { transport, client, store, commands } = setup();
    transport.answer('layout:get', ok({ tabs: [], groups: [], activeTabId: null }));
    await startApp(client, store);
    opening(transport, ['ssh-config:bad']);
    await commands.openGroup(['ssh-config:a', 'ssh-config:bad', 'ssh-config:b', 'ssh-config:c']);
    expect(tabsView(store)).toEqual({ order: ['s1|s2|s3'], activeId: 's1' });
    const { workspace } = store.getState();
    expect(workspace.groups).toEqual([
      { id: expect.any(String), name: 'a, b +1', color: 'blue', collapsed: false },
    ]);
    expect(workspace.tabs[0]?.groupId).toBe(workspace.groups[0]?.id);
    expect(store.getState().notices.map((notice) => notice.message)).toEqual([
      'Could not connect to ssh-config:bad: refused',
    ]);
    // Sessions:changed arriving afterwards keeps them where they are.
    store.getState().sessionsReplaced(store.getState().sessions);
    expect(tabsView(store).order).toEqual(['s1|s2|s3']);
  });

  it('opens a group as one tab per host when the setting says so', async () => {
    const { transport, client, store, sizeHint } = setup();
    await startApp(client, store);
    opening(transport);
    await createCommands(client, store, sizeHint, () => 'tabs').openGroup(['ssh-config:a', 'ssh-config:b']);
    expect(tabsView(store)).toEqual({ order: ['s1', 's2'], activeId: 's1' });
    const { workspace } = store.getState();
    expect(workspace.tabs.map((tab) => tab.groupId)).toEqual([
      workspace.groups[0]?.id,
      workspace.groups[0]?.id,
    ]);
  });

  it('splits the focused pane with a new session to the same host, and duplicates a tab after it', async () => {
    const { transport, client, store, commands } = setup();
    transport.answer('sessions:list', ok([session('web', { hostId: 'ssh-config:web' })]));
    await startApp(client, store);
    opening(transport);
    await commands.splitFocused('row');
    expect(tabsView(store)).toEqual({ order: ['web|s1'], activeId: 's1' });
    expect(transport.calls.filter((call) => call.channel === 'sessions:open').at(-1)?.payload).toMatchObject({
      hostId: 'ssh-config:web',
    });
    await commands.duplicateTab();
    expect(tabsView(store)).toEqual({ order: ['web|s1', 's2'], activeId: 's2' });
  });

  it('saves the layout once changes settle, and restores a saved one over the sessions that exist', async () => {
    vi.useFakeTimers();
    try {
      const { transport, client, store } = setup();
      const saved: unknown[] = [];
      transport.answer('layout:set', (payload) => {
        saved.push((payload as { layout: unknown }).layout);
        return ok({});
      });
      transport.answer('sessions:list', ok([session('a'), session('b'), session('c')]));
      transport.answer(
        'layout:get',
        ok({
          tabs: [
            {
              id: 'split',
              focused: 'b',
              root: {
                type: 'split',
                direction: 'row',
                children: [
                  { type: 'pane', sessionId: 'a' },
                  { type: 'pane', sessionId: 'gone' },
                  { type: 'pane', sessionId: 'b' },
                ],
                sizes: [0.2, 0.3, 0.5],
              },
            },
          ],
          groups: [],
          activeTabId: 'split',
        }),
      );
      await startApp(client, store);
      expect(tabsView(store)).toEqual({ order: ['a|b', 'c'], activeId: 'b' });
      await vi.advanceTimersByTimeAsync(LAYOUT_SAVE_DELAY_MS);
      expect(saved).toEqual([store.getState().workspace]);
      store.getState().cycleTab(1);
      store.getState().cycleTab(1);
      await vi.advanceTimersByTimeAsync(LAYOUT_SAVE_DELAY_MS);
      expect(saved).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never saves over the layout when the session list could not be read', async () => {
    vi.useFakeTimers();
    try {
      const { transport, client, store } = setup();
      transport.answer('sessions:list', {
        ok: false,
        error: { code: 'UNAVAILABLE', message: 'tmux is gone' },
      });
      transport.answer('layout:get', ok({ tabs: [], groups: [], activeTabId: null }));
      await startApp(client, store);
      store.getState().sessionsReplaced([session('x')]);
      await vi.advanceTimersByTimeAsync(LAYOUT_SAVE_DELAY_MS * 2);
      expect(transport.calls.filter((call) => call.channel === 'layout:set')).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
