import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceGroupKey, TreeMutation } from '../../../src-preload/api';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { syncedHost, treeHarness } from './treeHarness';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-srcfolders-');
});
afterEach(async () => removeDir(home));

const siteSettings = (sourceId: string, path: string[], jumpHost: string) => ({
  op: 'sourceGroup.update' as const,
  sourceId,
  path,
  settings: { jumpHost },
  notes: '',
});

describe("a source's folders carry settings like the user's own", () => {
  it('gives a NetBox site a jump host its hosts use, nearest source folder first, kept across re-syncs', async () => {
    const h = await treeHarness(home);
    h.sources.netbox.hosts = [
      syncedHost('netbox', 'edge-1', { groups: ['site-a', 'router'] }),
      syncedHost('netbox', 'edge-2', { groups: ['site-b', 'router'] }),
    ];
    await h.tree.apply([
      siteSettings('netbox', ['site-a'], 'jump-a'),
      siteSettings('netbox', [], 'jump-netbox'),
      siteSettings('netbox', ['site-a', 'router'], 'jump-a-routers'),
    ]);
    await h.tree.apply([{ ...siteSettings('netbox', ['site-a', 'router'], ''), settings: {} }]);
    const effective = (name: string) =>
      h.tree.effectiveSettings(
        h.sources.netbox.hosts.find((host) => host.label === name)!,
        'netbox',
      );
    expect(effective('edge-1').sshOptions.jumpHost).toBe('jump-a');
    expect(effective('edge-2').sshOptions.jumpHost).toBe('jump-netbox');
    expect(await h.tree.inherited(null, 'netbox:edge-1')).toMatchObject({
      jumpHost: { value: 'jump-a', from: { kind: 'source-folder', name: 'site-a' } },
    });

    // A sync without site-a keeps what the user set on it; the site comes back with its jump host.
    h.sources.netbox.hosts = [syncedHost('netbox', 'edge-2', { groups: ['site-b', 'router'] })];
    expect((await h.tree.snapshot()).overlay.sourceGroups?.[sourceGroupKey('netbox', ['site-a'])]).toEqual({
      settings: { jumpHost: 'jump-a' },
    });
    h.sources.netbox.hosts.push(syncedHost('netbox', 'edge-1', { groups: ['site-a', 'router'] }));
    await h.tree.snapshot();
    expect(effective('edge-1').sshOptions.jumpHost).toBe('jump-a');
    // Emptied settings leave no entry behind.
    expect(
      (await h.tree.snapshot()).overlay.sourceGroups?.[sourceGroupKey('netbox', ['site-a', 'router'])],
    ).toBeUndefined();
  });

  it("loses nothing across a restart, and the user's own folder still wins over the source's", async () => {
    const first = await treeHarness(home);
    first.sources.sshConfig.hosts = [syncedHost('ssh-config', 'web')];
    const {
      createdIds: [mine = ''],
    } = await first.tree.apply([
      siteSettings('ssh-config', [], 'config-jump'),
      { op: 'folder.create', name: 'mine', parentId: null, settings: { user: 'me' } },
    ]);
    const again = await treeHarness(home);
    again.sources.sshConfig.hosts = [syncedHost('ssh-config', 'web')];
    const host = again.sources.sshConfig.hosts[0]!;
    expect(again.tree.effectiveSettings(host, 'ssh-config').sshOptions.jumpHost).toBe('config-jump');
    await again.tree.apply([
      { op: 'host.move', hostIds: ['ssh-config:web'], folderId: mine },
      { op: 'folder.update', folderId: mine, name: 'mine', settings: { jumpHost: 'my-jump' }, notes: '' },
    ]);
    expect(again.tree.effectiveSettings(host, 'ssh-config').sshOptions.jumpHost).toBe('my-jump');
  });

  it("marks a host the user never touched when its site's jump host is the host itself", async () => {
    const h = await treeHarness(home);
    h.sources.netbox.hosts = [
      syncedHost('netbox', 'gw-a', { groups: ['site-a'], address: 'gw-a.example.com' }),
      syncedHost('netbox', 'edge-1', { groups: ['site-a'] }),
    ];
    await h.tree.apply([siteSettings('netbox', ['site-a'], 'ops@gw-a.example.com')]);
    const { overlay } = await h.tree.snapshot();
    expect(overlay.hosts['netbox:gw-a']).toEqual({ selfJump: 'ops@gw-a.example.com' });
    expect(overlay.hosts['netbox:edge-1']).toBeUndefined();
  });

  it('refuses a malformed request', () => {
    expect(
      TreeMutation.safeParse({ op: 'sourceGroup.update', sourceId: '', path: [], settings: {}, notes: '' })
        .success,
    ).toBe(false);
    expect(
      TreeMutation.safeParse({
        op: 'sourceGroup.update',
        sourceId: 'x',
        path: [],
        settings: { port: 0 },
        notes: '',
      }).success,
    ).toBe(false);
  });
});
