import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { syncedHost, treeHarness } from './treeHarness';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-tree-');
});
afterEach(async () => removeDir(home));

async function withFolders() {
  const h = await treeHarness(home);
  h.sources.sshConfig.hosts = [syncedHost('ssh-config', 'alpha'), syncedHost('ssh-config', 'beta')];
  const { createdIds } = await h.tree.apply([
    { op: 'folder.create', name: 'customers', parentId: null, settings: { user: 'admin' } },
    { op: 'folder.create', name: 'acme', parentId: null },
  ]);
  const [customers = '', acme = ''] = createdIds;
  return { ...h, customers, acme };
}

describe('tree mutations', () => {
  it("creates nested folders and the user's own hosts, and announces every change", async () => {
    const h = await withFolders();
    await h.tree.apply([{ op: 'folder.move', folderId: h.acme, parentId: h.customers }]);
    const { createdIds } = await h.tree.apply([
      {
        op: 'host.create',
        label: 'web',
        hostName: 'web.example.com',
        folderId: h.acme,
        tags: ['prod', 'prod'],
        notes: '',
        settings: { port: 2222 },
      },
    ]);
    const hostId = createdIds[0] ?? '';
    expect(hostId).toMatch(/^manual:/);
    const data = h.store.read().tree;
    expect(data.folders.find((f) => f.id === h.acme)?.parentId).toBe(h.customers);
    expect(data.hosts[hostId]).toEqual({
      tags: ['prod'],
      settings: { port: 2222 },
      placement: { folderId: h.acme, order: 0 },
    });
    const last = h.changes.at(-1);
    expect(last?.manualHosts).toEqual([
      expect.objectContaining({
        id: hostId,
        label: 'web',
        address: 'web.example.com',
        user: 'admin',
        port: 2222,
      }),
    ]);
    expect(last?.overlay.revision).toBeGreaterThan(h.changes[0]?.overlay.revision ?? 0);
  });

  it('refuses a host name ssh would read as an option, naming the field, and changes nothing', async () => {
    const h = await withFolders();
    const before = h.store.read();
    await expect(
      h.tree.apply([
        { op: 'folder.create', name: 'new', parentId: null },
        {
          op: 'host.create',
          label: 'x',
          hostName: '-oProxyCommand=x',
          folderId: null,
          tags: [],
          notes: '',
          settings: {},
        },
      ]),
    ).rejects.toMatchObject({ code: 'INVALID_PAYLOAD', issues: [{ path: 'mutations.1.hostName' }] });
    expect(h.store.read()).toBe(before);
  });

  it('refuses to move a folder into itself or below itself', async () => {
    const h = await withFolders();
    await h.tree.apply([{ op: 'folder.move', folderId: h.acme, parentId: h.customers }]);
    await expect(
      h.tree.apply([{ op: 'folder.move', folderId: h.customers, parentId: h.acme }]),
    ).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      issues: [{ path: 'mutations.0.parentId' }],
    });
  });

  it('reorders folders and hosts by "before"', async () => {
    const h = await withFolders();
    await h.tree.apply([{ op: 'folder.move', folderId: h.acme, parentId: null, beforeId: h.customers }]);
    const order = h.store
      .read()
      .tree.folders.sort((a, b) => a.order - b.order)
      .map((f) => f.name);
    expect(order).toEqual(['acme', 'customers']);
    await h.tree.apply([
      { op: 'host.move', hostIds: ['ssh-config:alpha', 'ssh-config:beta'], folderId: h.customers },
    ]);
    await h.tree.apply([
      {
        op: 'host.move',
        hostIds: ['ssh-config:beta'],
        folderId: h.customers,
        beforeHostId: 'ssh-config:alpha',
      },
    ]);
    const placed = Object.entries(h.store.read().tree.hosts)
      .filter(([, o]) => o.placement?.folderId === h.customers)
      .sort(([, a], [, b]) => (a.placement?.order ?? 0) - (b.placement?.order ?? 0))
      .map(([id]) => id);
    expect(placed).toEqual(['ssh-config:beta', 'ssh-config:alpha']);
  });

  it('deletes a folder with its subfolders and own hosts; synced hosts only leave it', async () => {
    const h = await withFolders();
    await h.tree.apply([{ op: 'folder.move', folderId: h.acme, parentId: h.customers }]);
    const { createdIds } = await h.tree.apply([
      {
        op: 'host.create',
        label: 'mine',
        hostName: 'mine',
        folderId: h.acme,
        tags: [],
        notes: '',
        settings: {},
      },
      { op: 'host.move', hostIds: ['ssh-config:alpha'], folderId: h.acme },
      {
        op: 'host.update',
        hostId: 'ssh-config:alpha',
        label: 'Alpha',
        tags: [],
        notes: 'keep me',
        settings: {},
      },
    ]);
    await h.tree.apply([{ op: 'folder.delete', folderId: h.customers }]);
    const tree = h.store.read().tree;
    expect(tree.folders).toEqual([]);
    expect(tree.manualHosts).toEqual([]);
    expect(tree.hosts[createdIds[0] ?? '']).toBeUndefined();
    expect(tree.hosts['ssh-config:alpha']).toEqual({ label: 'Alpha', notes: 'keep me' });
  });

  it('renames a synced host, and an empty name (or the source name) removes the rename', async () => {
    const h = await withFolders();
    await h.tree.apply([
      { op: 'host.update', hostId: 'ssh-config:alpha', label: 'Alpha!', tags: [], notes: '', settings: {} },
    ]);
    expect(h.store.read().tree.hosts['ssh-config:alpha']?.label).toBe('Alpha!');
    await h.tree.apply([
      { op: 'host.update', hostId: 'ssh-config:alpha', label: 'alpha', tags: [], notes: '', settings: {} },
    ]);
    expect(h.store.read().tree.hosts['ssh-config:alpha']).toBeUndefined();
  });

  it('duplicates a synced host as an own host that connects the same way', async () => {
    const h = await withFolders();
    h.sources.netbox.hosts = [
      syncedHost('netbox', 'db', { address: '10.0.0.5', user: 'postgres', port: 5022 }),
    ];
    await h.tree.apply([{ op: 'host.move', hostIds: ['ssh-config:alpha'], folderId: h.customers }]);
    const alias = await h.tree.apply([{ op: 'host.duplicate', hostId: 'ssh-config:alpha' }]);
    const netbox = await h.tree.apply([{ op: 'host.duplicate', hostId: 'netbox:db' }]);
    const tree = h.store.read().tree;
    // ssh config hosts are duplicated by alias, so everything in the config keeps applying.
    expect(tree.manualHosts.find((m) => m.id === alias.createdIds[0])).toMatchObject({
      label: 'alpha (copy)',
      hostName: 'alpha',
    });
    expect(tree.hosts[alias.createdIds[0] ?? '']?.placement?.folderId).toBe(h.customers);
    expect(tree.manualHosts.find((m) => m.id === netbox.createdIds[0])).toMatchObject({
      hostName: '10.0.0.5',
    });
    expect(tree.hosts[netbox.createdIds[0] ?? '']?.settings).toEqual({ user: 'postgres', port: 5022 });
  });

  it('keeps favourites in order, and Recent newest first within its limit', async () => {
    const h = await withFolders();
    await h.tree.apply([
      { op: 'favourite.set', hostIds: ['ssh-config:alpha', 'ssh-config:beta'], favourite: true },
    ]);
    await h.tree.apply([
      { op: 'favourite.move', hostId: 'ssh-config:beta', beforeHostId: 'ssh-config:alpha' },
    ]);
    expect(h.store.read().tree.favourites).toEqual(['ssh-config:beta', 'ssh-config:alpha']);
    await h.store.update((data) => ({ ...data, settings: { ...data.settings, recentLimit: 2 } }));
    for (const id of ['ssh-config:alpha', 'ssh-config:beta', 'ssh-config:alpha']) {
      await h.tree.recordConnected(id);
    }
    expect(h.store.read().tree.recent.map((r) => r.hostId)).toEqual(['ssh-config:alpha', 'ssh-config:beta']);
  });

  it('will not delete a synced host nor take an own host out of the folders', async () => {
    const h = await withFolders();
    await expect(h.tree.apply([{ op: 'host.delete', hostIds: ['ssh-config:alpha'] }])).rejects.toMatchObject({
      message: expect.stringContaining('comes from a source'),
    });
    const { createdIds } = await h.tree.apply([
      { op: 'host.create', label: 'm', hostName: 'm', folderId: null, tags: [], notes: '', settings: {} },
    ]);
    await expect(h.tree.apply([{ op: 'host.unplace', hostIds: createdIds }])).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
    });
  });

  it('answers NOT_FOUND for unknown folders and hosts', async () => {
    const h = await withFolders();
    await expect(
      h.tree.apply([{ op: 'host.move', hostIds: ['nowhere:x'], folderId: null }]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.tree.apply([{ op: 'folder.delete', folderId: 'f-none' }])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
