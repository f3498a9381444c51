import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src-preload/api';
import { createCommands } from '../../../src-renderer/src/app/commands';
import { startApp } from '../../../src-renderer/src/app/startApp';
import { createMuxdeckClient } from '../../../src-renderer/src/bridge/client';
import { createAppStore } from '../../../src-renderer/src/stores/appStore';
import {
  askToClose,
  connectedSessions,
  createCloseQuestionStore,
} from '../../../src-renderer/src/stores/closeQuestion';
import { panesOf } from '../../../src-renderer/src/stores/workspace/layout.logic';
import { TerminalSizeHint } from '../../../src-renderer/src/terminal/terminalSize';
import { openSessionsNote } from '../../../src-renderer/src/tree/treeCommands';
import { session } from './fixtures';
import { FakeTransport } from './fakeTransport';

const ok = (result: unknown): ApiResponse => ({ ok: true, result });

async function setup(answers: boolean[]) {
  const transport = new FakeTransport();
  transport.answer(
    'sessions:list',
    ok([
      session('live', { label: 'web', status: 'connected' }),
      session('trying', { label: 'db', status: 'connecting', createdAt: 2_000 }),
      session('done', { label: 'old', status: 'connected', state: 'exited', createdAt: 3_000 }),
    ]),
  );
  transport.answer('sessions:close', ok({ closed: true }));
  const client = createMuxdeckClient(transport);
  const store = createAppStore('connected');
  const asked: string[][] = [];
  const commands = createCommands(
    client,
    store,
    new TerminalSizeHint({ width: 8, height: 16 }),
    undefined,
    (labels) => {
      asked.push([...labels]);
      return Promise.resolve(answers.shift() ?? false);
    },
  );
  await startApp(client, store);
  const tabs = () => store.getState().workspace.tabs.map((tab) => panesOf(tab.root).join('|'));
  const tabOf = (sessionId: string) =>
    store.getState().workspace.tabs.find((tab) => panesOf(tab.root).includes(sessionId))?.id ?? '';
  const closed = () => transport.calls.filter((c) => c.channel === 'sessions:close').map((c) => c.payload);
  return { commands, asked, tabs, tabOf, closed };
}

describe('closing a connected session asks first', () => {
  it('asks for a connected session; "keep" leaves tab and session, "close" ends them', async () => {
    const { commands, asked, tabs, tabOf, closed } = await setup([false, true]);
    await commands.closeTab(tabOf('live'));
    expect(asked).toEqual([['web']]);
    expect(tabs()).toContain('live');
    expect(closed()).toEqual([]);
    await commands.closePane('live');
    expect(asked).toHaveLength(2);
    expect(tabs()).not.toContain('live');
    expect(closed()).toEqual([{ sessionId: 'live' }]);
  });

  it('closes without asking what is connecting or exited; several tabs get one question', async () => {
    const { commands, asked, tabs, tabOf } = await setup([true]);
    await commands.closeTab(tabOf('trying'));
    await commands.closeTab(tabOf('done'));
    expect(asked).toEqual([]);
    expect(tabs()).toEqual(['live']);
    await commands.closeTabs([tabOf('live')]);
    expect(asked).toEqual([['web']]);
    expect(tabs()).toEqual([]);
  });

  it('one pending question at a time: a new one answers the old with "keep"', async () => {
    const store = createCloseQuestionStore();
    const first = askToClose(store, ['a']);
    const second = askToClose(store, ['b']);
    expect(await first).toBe(false);
    expect(store.getState().pending?.labels).toEqual(['b']);
    store.getState().pending?.answer(true);
    expect(await second).toBe(true);
    expect(store.getState().pending).toBeNull();
  });

  it('counts as connected only running sessions whose status is connected', () => {
    const list = [
      session('a', { status: 'connected' }),
      session('b', { status: 'disconnected' }),
      session('c', { status: 'connected', state: 'exited' }),
    ];
    expect(connectedSessions(list, ['a', 'b', 'c']).map((s) => s.id)).toEqual(['a']);
  });
});

describe('deleting a host names its open sessions', () => {
  it('says they stay open, and says nothing when there are none', () => {
    const list = [
      session('a', { hostId: 'manual:x', status: 'connected' }),
      session('b', { hostId: 'manual:y', status: 'error' }),
      session('c', { hostId: 'manual:y', status: 'connected' }),
    ];
    expect(openSessionsNote(list, ['manual:x'])).toBe(
      ' 1 session to it is open and connected: it stays open until you close it.',
    );
    expect(openSessionsNote(list, ['manual:y'])).toBe(
      ' 2 sessions to it are open (1 connected): they stay open until you close them.',
    );
    expect(openSessionsNote(list, ['manual:z'])).toBe('');
  });
});
