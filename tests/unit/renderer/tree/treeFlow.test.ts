import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../../src-preload/api';
import { createCommands } from '../../../../src-renderer/src/app/commands';
import { createMuxdeckClient } from '../../../../src-renderer/src/bridge/client';
import { createAppStore } from '../../../../src-renderer/src/stores/appStore';
import { createTreeStore } from '../../../../src-renderer/src/stores/tree/treeStore';
import { startTree } from '../../../../src-renderer/src/tree/startTree';
import { createTreeCommands } from '../../../../src-renderer/src/tree/treeCommands';
import { TerminalSizeHint } from '../../../../src-renderer/src/terminal/terminalSize';
import { FakeTransport } from '../fakeTransport';
import { host, sampleData, SOURCES } from './treeFixtures';

const ok = (result: unknown): ApiResponse => ({ ok: true, result });

function setup() {
  const transport = new FakeTransport();
  const { hosts, sources, overlay } = sampleData();
  transport.answer('tree:get', ok({ hosts, sources, overlay: { ...overlay, revision: 3 } }));
  transport.answer('store:notices', ok([]));
  const client = createMuxdeckClient(transport);
  const app = createAppStore('connected');
  const tree = createTreeStore();
  const copied: string[] = [];
  const commands = createTreeCommands({
    client,
    tree,
    app,
    appCommands: createCommands(client, app, new TerminalSizeHint({ width: 8, height: 16 })),
    clipboard: { writeText: async (text) => void copied.push(text) },
  });
  return { transport, client, app, tree, commands, copied };
}

describe('tree startup and changes', () => {
  it('loads the tree, hosts for the rest of the app, and the remembered expansion', async () => {
    const { transport, client, app, tree, commands } = setup();
    const { hosts, sources, overlay } = sampleData();
    transport.answer(
      'tree:get',
      ok({ hosts, sources, overlay: { ...overlay, expanded: { 'folder:f-prod': true } } }),
    );
    await startTree({ client, tree, app, commands });
    expect(tree.getState().data.loaded).toBe(true);
    expect(tree.getState().expansion).toEqual({ 'folder:f-prod': true });
    expect(app.getState().hosts.hosts).toHaveLength(5);
  });

  it('follows tree:changed from any window, newest revision wins, and keeps own hosts current', async () => {
    const { transport, client, app, tree, commands } = setup();
    await startTree({ client, tree, app, commands });
    const overlay = { ...sampleData().overlay, revision: 9, favourites: [] };
    transport.emit({ event: 'tree:changed', payload: { overlay, manualHosts: [host('manual', 'new-box')] } });
    expect(tree.getState().data.overlay.favourites).toEqual([]);
    expect(tree.getState().data.hosts.map((h) => h.id)).toContain('manual:new-box');
    expect(tree.getState().data.hosts.map((h) => h.id)).not.toContain('manual:bastion');
    expect(app.getState().hosts.hosts.map((h) => h.id)).toContain('manual:new-box');
    transport.emit({
      event: 'tree:changed',
      payload: { overlay: { ...overlay, revision: 4, favourites: ['x'] } },
    });
    expect(tree.getState().data.overlay.favourites).toEqual([]);
  });

  it('shows what the store had to do at start, and later notices, as alerts', async () => {
    const { transport, client, app, tree, commands } = setup();
    transport.answer(
      'store:notices',
      ok([{ id: 1, level: 'error', message: 'restored from the last good backup', at: 1 }]),
    );
    await startTree({ client, tree, app, commands });
    transport.emit({
      event: 'store:notice',
      payload: { id: 2, level: 'error', message: 'could not save', at: 2 },
    });
    expect(app.getState().notices.map((n) => n.message)).toEqual([
      'restored from the last good backup',
      'could not save',
    ]);
  });

  it('says so when the tree cannot be loaded, and still finishes loading', async () => {
    const { transport, client, app, tree, commands } = setup();
    transport.answer('tree:get', { ok: false, error: { code: 'INTERNAL', message: 'store unreadable' } });
    await startTree({ client, tree, app, commands });
    expect(tree.getState().data.loaded).toBe(true);
    expect(app.getState().hosts.loaded).toBe(true);
    expect(app.getState().notices.map((n) => n.message)).toEqual(['Could not load hosts: store unreadable']);
  });

  it('asks before opening many sessions, and copies addresses of the selection', async () => {
    const { transport, client, app, tree, commands, copied } = setup();
    const many = Array.from({ length: 12 }, (_, i) => host('ssh-config', `h${i}`));
    transport.answer('tree:get', ok({ hosts: many, sources: SOURCES, overlay: sampleData().overlay }));
    await startTree({ client, tree, app, commands });
    tree.getState().setQuery('h');
    tree.getState().selectAllVisible();
    commands.connectFrom('host:ssh-config:h1');
    expect(tree.getState().dialog).toMatchObject({ kind: 'confirm', title: 'Open 12 sessions?' });
    expect(transport.calls.some((call) => call.channel === 'sessions:open')).toBe(false);
    commands.runMenuCommand('copyAddress', 'host:ssh-config:h1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(copied[0]?.split('\n')).toHaveLength(12);
  });

  it('refuses a tree file with a host name ssh would misread, naming the field, and imports nothing', async () => {
    const { transport, client, app, tree, commands } = setup();
    await startTree({ client, tree, app, commands });
    const document = {
      format: 'muxdeck-tree',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      folders: [],
      manualHosts: [{ id: 'manual:x', label: 'x', hostName: '-oProxyCommand=touch /tmp/pwned' }],
      hosts: {},
      favourites: [],
      known: {},
    };
    await commands.importFile(new File([JSON.stringify(document)], 'evil.json'));
    expect(app.getState().notices.at(-1)?.message).toMatch(
      /^evil\.json is not a Muxdeck tree file \(manualHosts\.0\.hostName: /,
    );
    expect(tree.getState().dialog).toBeNull();
    expect(transport.calls.some((call) => call.channel === 'tree:import')).toBe(false);
  });

  it('copies the bare address; until splits exist, "in a split" and "as a group" open tabs and say so', async () => {
    const { transport, client, app, tree, commands, copied } = setup();
    const two = [host('ssh-config', 'a', { user: 'ops', port: 2222 }), host('ssh-config', 'b')];
    transport.answer('tree:get', ok({ hosts: two, sources: SOURCES, overlay: sampleData().overlay }));
    transport.answer('sessions:open', { ok: false, error: { code: 'INTERNAL', message: 'no tmux here' } });
    await startTree({ client, tree, app, commands });
    commands.runMenuCommand('copyAddress', 'host:ssh-config:a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(copied).toEqual(['a.example.com']);

    const opened = () =>
      transport.calls.filter((call) => call.channel === 'sessions:open').map((call) => call.payload);
    commands.runMenuCommand('connectSplit', 'host:ssh-config:a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened()).toEqual([expect.objectContaining({ hostId: 'ssh-config:a' })]);
    expect(app.getState().notices[0]?.message).toMatch(/Splits are not available yet/);

    tree.getState().click('host:ssh-config:a', { toggle: false, range: false });
    tree.getState().click('host:ssh-config:b', { toggle: true, range: false });
    commands.openGroupFrom('host:ssh-config:b');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened().slice(1)).toEqual([
      expect.objectContaining({ hostId: 'ssh-config:a' }),
      expect.objectContaining({ hostId: 'ssh-config:b' }),
    ]);
    expect(app.getState().notices.map((n) => n.message)).toContainEqual(
      expect.stringMatching(/Tab groups are not available yet/),
    );
  });
});
