import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TreeExportDocument } from '../../../src-preload/api';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { syncedHost, treeHarness } from './treeHarness';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-tree-');
});
afterEach(async () => removeDir(home));

async function populated() {
  const h = await treeHarness(home);
  h.sources.sshConfig.hosts = [syncedHost('ssh-config', 'alpha')];
  const folder =
    (await h.tree.apply([{ op: 'folder.create', name: 'ops', parentId: null, settings: { user: 'ops' } }]))
      .createdIds[0] ?? '';
  await h.tree.apply([
    {
      op: 'host.create',
      label: 'gw',
      hostName: 'gw.example.com',
      folderId: folder,
      tags: ['edge'],
      notes: '',
      settings: {},
    },
    { op: 'host.update', hostId: 'ssh-config:alpha', label: 'Alpha', tags: [], notes: 'n', settings: {} },
    { op: 'favourite.set', hostIds: ['ssh-config:alpha'], favourite: true },
  ]);
  return { ...h, folder };
}

describe('tree export and import', () => {
  it('exports a document the import schema accepts, and replace brings the same tree back', async () => {
    const h = await populated();
    const document = TreeExportDocument.parse(JSON.parse(JSON.stringify(h.tree.exportDocument())));
    await h.tree.apply([{ op: 'folder.delete', folderId: h.folder }]);
    expect(h.store.read().tree.folders).toEqual([]);
    expect(await h.tree.importDocument(document, 'replace')).toEqual({ folders: 1, hosts: 2, warnings: [] });
    const tree = h.store.read().tree;
    expect(tree.folders.map((f) => f.name)).toEqual(['ops']);
    expect(tree.manualHosts.map((m) => m.label)).toEqual(['gw']);
    expect(tree.hosts['ssh-config:alpha']).toMatchObject({ label: 'Alpha', notes: 'n' });
    expect(tree.favourites).toEqual(['ssh-config:alpha']);
  });

  it('merges with fresh ids, never overwriting what the user already set', async () => {
    const h = await populated();
    const document = h.tree.exportDocument();
    await h.tree.apply([
      {
        op: 'host.update',
        hostId: 'ssh-config:alpha',
        label: 'Mine',
        tags: ['a'],
        notes: 'local',
        settings: {},
      },
    ]);
    await h.tree.importDocument(
      { ...document, hosts: { ...document.hosts, 'ssh-config:alpha': { label: 'Theirs', tags: ['b'] } } },
      'merge',
    );
    const tree = h.store.read().tree;
    expect(tree.folders).toHaveLength(2);
    expect(new Set(tree.folders.map((f) => f.id)).size).toBe(2);
    expect(tree.manualHosts).toHaveLength(2);
    const imported = tree.manualHosts.find(
      (m) => !Object.prototype.hasOwnProperty.call(document.hosts, m.id),
    );
    expect(tree.hosts[imported?.id ?? '']?.placement?.folderId).not.toBe(h.folder);
    expect(tree.hosts['ssh-config:alpha']).toMatchObject({ label: 'Mine', notes: 'local', tags: ['a', 'b'] });
  });

  it('imports the ssh config into a new folder as own hosts with their settings, once', async () => {
    const h = await treeHarness(
      home,
      [
        'Host web db',
        '  HostName %h.internal',
        '  User deploy',
        'Host db',
        '  Port 5022',
        '  IdentityFile ~/.ssh/db',
        '  ProxyJump ops@bastion',
        'Host *.internal evil',
        '  User ignored',
        'Host evil',
        '  HostName -oProxyCommand=x',
      ].join('\n'),
    );
    const first = await h.tree.importSshConfig(null, 'ssh config');
    expect(first).toMatchObject({ created: 2, skipped: 1 });
    const tree = h.store.read().tree;
    const byLabel = Object.fromEntries(tree.manualHosts.map((m) => [m.label, m]));
    expect(byLabel.web?.hostName).toBe('web.internal');
    expect(tree.hosts[byLabel.db?.id ?? '']).toMatchObject({
      settings: { user: 'deploy', port: 5022, identityFile: '~/.ssh/db', jumpHost: 'ops@bastion' },
      placement: { folderId: first.folderId },
    });
    const again = await h.tree.importSshConfig(first.folderId);
    expect(again).toMatchObject({ created: 0, skipped: 3 });
  });

  it('builds the ssh command Muxdeck would run, for the clipboard', async () => {
    const h = await populated();
    const gw = h.store.read().tree.manualHosts[0]?.id ?? '';
    expect(await h.tree.sshCommand(gw)).toEqual({
      argv: ['ssh', '-F', '/home/ada/.ssh/config', '-l', 'ops', '--', 'gw.example.com'],
      command: 'ssh -F /home/ada/.ssh/config -l ops -- gw.example.com',
    });
    await expect(h.tree.sshCommand('ssh-config:nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
