import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { syncedHost, treeHarness } from './treeHarness';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-tree-');
});
afterEach(async () => removeDir(home));

describe('the overlay over synced hosts', () => {
  it('keeps a rename, notes, tags, settings, folder and favourite across re-syncs', async () => {
    const h = await treeHarness(home);
    h.sources.netbox.hosts = [syncedHost('netbox', 'web-01', { address: '10.0.0.1' })];
    const { createdIds } = await h.tree.apply([
      { op: 'folder.create', name: 'prod', parentId: null, settings: { user: 'ops' } },
    ]);
    const prod = createdIds[0] ?? '';
    await h.tree.apply([
      {
        op: 'host.update',
        hostId: 'netbox:web-01',
        label: 'Web one',
        tags: ['prod'],
        notes: 'LB member',
        settings: { port: 2222 },
      },
      { op: 'host.move', hostIds: ['netbox:web-01'], folderId: prod },
      { op: 'favourite.set', hostIds: ['netbox:web-01'], favourite: true },
    ]);

    // The source re-syncs with a new address and more hosts.
    h.sources.netbox.hosts = [
      syncedHost('netbox', 'web-01', { address: '10.9.9.9' }),
      syncedHost('netbox', 'web-02'),
    ];
    const { overlay, hosts } = await h.tree.snapshot();
    expect(hosts.map((host) => host.id)).toContain('netbox:web-02');
    expect(overlay.hosts['netbox:web-01']).toMatchObject({
      label: 'Web one',
      tags: ['prod'],
      notes: 'LB member',
      placement: { folderId: prod },
      effectiveUser: 'ops',
      effectivePort: 2222,
    });
    expect(overlay.favourites).toEqual(['netbox:web-01']);
    expect(overlay.known['netbox:web-01']).toEqual({
      label: 'web-01',
      sourceId: 'netbox',
      address: '10.9.9.9',
    });
  });

  it('remembers a host that vanished from its source where the user put it, by its last name', async () => {
    const h = await treeHarness(home);
    h.sources.netbox.hosts = [syncedHost('netbox', 'old-db', { address: '10.0.0.7' })];
    await h.tree.apply([
      { op: 'host.move', hostIds: ['netbox:old-db'], folderId: null },
      {
        op: 'host.update',
        hostId: 'netbox:old-db',
        label: '',
        tags: [],
        notes: 'decommission in May',
        settings: {},
      },
    ]);
    h.sources.netbox.hosts = [];
    const { hosts, overlay } = await h.tree.snapshot();
    expect(hosts).toEqual([]);
    expect(overlay.hosts['netbox:old-db']).toMatchObject({
      notes: 'decommission in May',
      placement: { folderId: null },
    });
    expect(overlay.known['netbox:old-db']).toEqual({
      label: 'old-db',
      sourceId: 'netbox',
      address: '10.0.0.7',
    });
    // It can still be edited, moved and finally forgotten.
    await h.tree.apply([{ op: 'favourite.set', hostIds: ['netbox:old-db'], favourite: true }]);
    await h.tree.apply([{ op: 'host.forget', hostIds: ['netbox:old-db'] }]);
    const after = (await h.tree.snapshot()).overlay;
    expect(after.hosts['netbox:old-db']).toBeUndefined();
    expect(after.favourites).toEqual([]);
    expect(after.known['netbox:old-db']).toBeUndefined();
  });

  it('comes back intact when the host reappears in its source', async () => {
    const h = await treeHarness(home);
    h.sources.sshConfig.hosts = [syncedHost('ssh-config', 'flaky')];
    await h.tree.apply([
      { op: 'host.update', hostId: 'ssh-config:flaky', label: 'Flaky', tags: ['x'], notes: '', settings: {} },
    ]);
    h.sources.sshConfig.hosts = [];
    await h.tree.snapshot();
    h.sources.sshConfig.hosts = [syncedHost('ssh-config', 'flaky')];
    expect((await h.tree.snapshot()).overlay.hosts['ssh-config:flaky']).toMatchObject({
      label: 'Flaky',
      tags: ['x'],
    });
  });

  it("answers what a host would inherit in a folder, and from where, without the host's own values", async () => {
    const h = await treeHarness(home);
    h.sources.sshConfig.hosts = [syncedHost('ssh-config', 'alpha', { user: 'root' })];
    const { createdIds } = await h.tree.apply([
      {
        op: 'folder.create',
        name: 'outer',
        parentId: null,
        settings: { user: 'admin', jumpHost: 'bastion' },
      },
    ]);
    const outer = createdIds[0] ?? '';
    const inner =
      (
        await h.tree.apply([
          { op: 'folder.create', name: 'inner', parentId: outer, settings: { port: 2200 } },
        ])
      ).createdIds[0] ?? '';
    await h.tree.apply([
      {
        op: 'host.update',
        hostId: 'ssh-config:alpha',
        label: '',
        tags: [],
        notes: '',
        settings: { port: 22 },
      },
    ]);
    const inherited = await h.tree.inherited(inner, 'ssh-config:alpha');
    expect(inherited).toEqual({
      user: { value: 'root', from: { kind: 'source', label: 'ssh config' } },
      port: { value: 2200, from: { kind: 'folder', folderId: inner, name: 'inner' } },
      jumpHost: { value: 'bastion', from: { kind: 'folder', folderId: outer, name: 'outer' } },
      persistence: { value: 'local', from: { kind: 'default' } },
      logging: { value: false, from: { kind: 'default' } },
    });
  });
});
