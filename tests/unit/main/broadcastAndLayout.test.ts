import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BROADCAST_TARGETS, type EventMessage } from '../../../src-preload/api';
import { createApiHandlers, type ApiServices } from '../../../src-main/router/apiHandlers';
import { createRouter } from '../../../src-main/router/router';
import { TerminalService } from '../../../src-main/sessions/terminalService';
import { WorkspaceLayoutStore } from '../../../src-main/store/workspaceLayoutStore';
import { TmuxServer } from '../../../src-main/tmux/tmuxServer';
import { fakeControlTmux } from '../../fakes/fakeControlTmux';
import { manualClock } from '../../fakes/manualClock';
import { recordingRunner } from '../../fakes/recordingRunner';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { openStore, readStoreFile, writeStoreFile } from '../store/storeFixtures';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-layout-');
});
afterEach(async () => {
  await removeDir(home);
});

async function setup() {
  const { spawner, spawned } = fakeControlTmux();
  const tmux = new TmuxServer({
    runner: recordingRunner(() => ({})).runner,
    tmuxPath: '/usr/bin/tmux',
    address: { socket: '/s/tmux.sock', config: '/r/tmux.conf' },
    env: {},
  });
  const terminals = new TerminalService({
    controlSpawner: spawner,
    tmux,
    env: {},
    cwd: '/home/ada',
    clock: manualClock().clock,
  });
  const store = await openStore(home);
  const services = {
    sessions: { find: async () => ({}) },
    terminals,
    tree: {},
    layout: new WorkspaceLayoutStore(store),
    appInfo: { version: '0', platform: 'linux', transport: 'serve', home },
  } as unknown as ApiServices;
  const api = createApiHandlers(services);
  const router = createRouter({ handlers: api.handlers, logger: { info() {}, warn() {}, error() {} } });
  const events: EventMessage[] = [];
  const connect = () => router.connect((message) => events.push(message));
  /** The bytes typed through each attached tmux control client, by terminal. */
  const written = () => spawned.map((client) => client.typed());
  return { connect, written, store };
}

async function attach(
  connection: ReturnType<Awaited<ReturnType<typeof setup>>['connect']>,
  sessionId: string,
) {
  const response = await connection.invoke('terminal:attach', { sessionId, cols: 80, rows: 24 });
  if (!response.ok) throw new Error(response.error.message);
  return (response.result as { terminalId: string }).terminalId;
}

describe('terminal:broadcast', () => {
  it('writes each input to every target, in order, interleaved with single-pane input as sent', async () => {
    const { connect, written } = await setup();
    const window = connect();
    const [a, b, c] = [
      await attach(window, 'mx-a'),
      await attach(window, 'mx-b'),
      await attach(window, 'mx-c'),
    ];
    const sent = [
      window.invoke('terminal:broadcast', { terminalIds: [a, b], data: 'ec' }),
      window.invoke('terminal:input', { terminalId: c, data: 'alone' }),
      window.invoke('terminal:broadcast', { terminalIds: [a, b], data: 'ho \u00e9\r' }),
      window.invoke('terminal:broadcast', { terminalIds: [b, a], data: '\x1b[A' }),
    ];
    const answers = await Promise.all(sent);
    expect(answers[0]).toEqual({ ok: true, result: { delivered: 2, missed: [] } });
    expect(written()).toEqual(['ec' + 'ho \u00e9\r' + '\x1b[A', 'ec' + 'ho \u00e9\r' + '\x1b[A', 'alone']);
  });

  it("never writes to another window's terminal or a detached one, and says which were missed", async () => {
    const { connect, written } = await setup();
    const mine = connect();
    const theirs = connect();
    const a = await attach(mine, 'mx-a');
    const b = await attach(mine, 'mx-b');
    const other = await attach(theirs, 'mx-c');
    await mine.invoke('terminal:detach', { terminalId: b });
    const response = await mine.invoke('terminal:broadcast', { terminalIds: [a, b, other], data: 'x' });
    expect(response).toEqual({ ok: true, result: { delivered: 1, missed: [b, other] } });
    expect(written()).toEqual(['x', '', '']);
  });

  it.each([
    [{ terminalIds: ['t-1', 't-1'], data: 'x' }, 'terminalIds', 'listed twice'],
    [{ terminalIds: [], data: 'x' }, 'terminalIds', ''],
    [{ terminalIds: ['../x'], data: 'x' }, 'terminalIds.0', 'not a terminal id'],
    [{ terminalIds: ['t-1'], data: '' }, 'data', ''],
    [
      { terminalIds: Array.from({ length: MAX_BROADCAST_TARGETS + 1 }, (_, i) => `t-${i}`), data: 'x' },
      'terminalIds',
      '',
    ],
  ])('refuses a bad payload (%#) before writing anything', async (payload, field, words) => {
    const { connect, written } = await setup();
    const window = connect();
    await attach(window, 'mx-a');
    const response = await window.invoke('terminal:broadcast', payload);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(response.error.code).toBe('INVALID_PAYLOAD');
    expect(response.error.issues?.map((issue) => issue.path)).toContain(field);
    expect(response.error.message).toContain(words);
    expect(written()).toEqual(['']);
  });
});

describe('layout:get / layout:set', () => {
  const layout = {
    tabs: [
      {
        id: 'tab-1',
        groupId: 'grp-1',
        focused: 'mx-b',
        root: {
          type: 'split',
          direction: 'row',
          children: [
            { type: 'pane', sessionId: 'mx-a' },
            { type: 'pane', sessionId: 'mx-b' },
          ],
          sizes: [0.3, 0.7],
        },
      },
    ],
    groups: [{ id: 'grp-1', name: 'web', color: 'teal', collapsed: false }],
    activeTabId: 'tab-1',
  };

  it('keeps the layout in the store, and a store from before it reads as an empty layout', async () => {
    const { connect } = await setup();
    expect(await connect().invoke('layout:get', {})).toEqual({
      ok: true,
      result: { tabs: [], groups: [], activeTabId: null },
    });
    expect(await connect().invoke('layout:set', { layout })).toEqual({ ok: true, result: {} });
    expect(JSON.parse(await readStoreFile(home)).layout.workspace).toEqual(layout);
    const reopened = await openStore(home);
    expect(new WorkspaceLayoutStore(reopened).get()).toEqual(layout);
  });

  it('reads a version-2 file written before layouts existed, keeping everything else', async () => {
    const old = {
      version: 2,
      tree: { folders: [], manualHosts: [], hosts: {}, favourites: [], recent: [], known: {} },
      settings: { recentLimit: 7 },
      sources: [],
      layout: { expanded: { x: true } },
    };
    await writeStoreFile(home, JSON.stringify(old));
    const store = await openStore(home);
    expect(store.read().layout).toEqual({
      expanded: { x: true },
      workspace: { tabs: [], groups: [], activeTabId: null },
    });
    expect(store.read().settings.recentLimit).toBe(7);
  });

  it.each([
    [
      'a split with one child',
      { type: 'split', direction: 'row', children: [{ type: 'pane', sessionId: 'mx-a' }], sizes: [1] },
    ],
    [
      'sizes that do not match the children',
      {
        type: 'split',
        direction: 'row',
        children: [
          { type: 'pane', sessionId: 'a' },
          { type: 'pane', sessionId: 'b' },
        ],
        sizes: [1],
      },
    ],
    ['a session id that is not one', { type: 'pane', sessionId: 'a;rm -rf' }],
  ])('refuses %s and keeps the saved layout', async (_what, root) => {
    const { connect, store } = await setup();
    await connect().invoke('layout:set', { layout });
    const response = await connect().invoke('layout:set', {
      layout: { ...layout, tabs: [{ ...layout.tabs[0], root }] },
    });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.code).toBe('INVALID_PAYLOAD');
    expect(store.read().layout.workspace).toEqual(layout);
  });
});
