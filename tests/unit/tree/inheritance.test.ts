import { describe, expect, it } from 'vitest';
import type { TreeFolder } from '../../../src-preload/api';
import { effectiveHost } from '../../../src-main/tree/hostEffective.logic';
import {
  folderChain,
  hostLayers,
  mustPassToSsh,
  resolveSettings,
  toInherited,
} from '../../../src-main/tree/inheritance.logic';
import { emptyTree } from '../../../src-main/store/storeSchema';
import { syncedHost } from './treeHarness';

const folder = (id: string, parentId: string | null, settings: TreeFolder['settings']): TreeFolder => ({
  id,
  name: id.toUpperCase(),
  parentId,
  order: 0,
  settings,
});
const folders = new Map(
  [
    folder('root', null, { user: 'root-user', port: 2200, persistence: 'remote', logging: true }),
    folder('mid', 'root', { user: 'mid-user', jumpHost: 'bastion' }),
    folder('leaf', 'mid', { identityFile: '~/.ssh/leaf' }),
  ].map((f) => [f.id, f]),
);

describe('settings inheritance', () => {
  it('walks a folder and its ancestors, nearest first, and survives a cycle', () => {
    expect(folderChain(folders, 'leaf').map((f) => f.id)).toEqual(['leaf', 'mid', 'root']);
    const cyclic = new Map([
      ['a', folder('a', 'b', {})],
      ['b', folder('b', 'a', {})],
    ]);
    expect(folderChain(cyclic, 'a').map((f) => f.id)).toEqual(['a', 'b']);
  });

  it('takes each setting from the nearest folder that sets it, then the defaults', () => {
    const resolved = resolveSettings(hostLayers({ folders, folderId: 'leaf' }));
    expect(resolved.identityFile).toEqual({
      value: '~/.ssh/leaf',
      from: { kind: 'folder', folderId: 'leaf', name: 'LEAF' },
    });
    expect(resolved.user?.from).toMatchObject({ folderId: 'mid' });
    expect(resolved.jumpHost?.value).toBe('bastion');
    expect(resolved.port).toMatchObject({ value: 2200, from: { folderId: 'root' } });
    expect(resolved.persistence?.value).toBe('remote');
    expect(resolveSettings(hostLayers({ folders, folderId: null })).persistence).toEqual({
      value: 'local',
      from: { kind: 'default' },
    });
  });

  it("puts the host's own settings first, then what its source says, then its folders", () => {
    const host = syncedHost('netbox', 'web', { user: 'from-source' });
    const resolved = resolveSettings(
      hostLayers({ own: { port: 22 }, host, sourceLabel: 'NetBox', folders, folderId: 'leaf' }),
    );
    expect(resolved.port).toEqual({ value: 22, from: { kind: 'host' } });
    expect(resolved.user).toEqual({ value: 'from-source', from: { kind: 'source', label: 'NetBox' } });
    // What the form shows as inherited never includes the host's own values.
    expect(toInherited(resolved).port).toBeUndefined();
    expect(toInherited(resolved).user?.value).toBe('from-source');
  });

  it('leaves values from the ssh config to ssh, and passes everything else on the command line', () => {
    expect(mustPassToSsh({ kind: 'source', label: 'ssh config' }, 'ssh-config')).toBe(false);
    expect(mustPassToSsh({ kind: 'source', label: 'NetBox' }, 'netbox')).toBe(true);
    expect(mustPassToSsh({ kind: 'folder', folderId: 'f', name: 'F' }, 'ssh-config')).toBe(true);

    const tree = {
      ...emptyTree(),
      folders: [...folders.values()],
      hosts: { 'ssh-config:web': { placement: { folderId: 'leaf', order: 0 } } },
    };
    const sshConfigHost = syncedHost('ssh-config', 'web', { user: 'config-user', port: 2022 });
    const { settings } = effectiveHost({ tree, folders, host: sshConfigHost, sourceKind: 'ssh-config' });
    expect(settings.sshOptions).toEqual({ identityFile: '~/.ssh/leaf', jumpHost: 'bastion' });
    expect(settings.persistence).toBe('remote');
    expect(settings.logging).toBe(true);

    const netboxHost = syncedHost('netbox', 'web', { user: 'nb-user', port: 2022 });
    const netbox = effectiveHost({
      tree: { ...tree, hosts: {} },
      folders,
      host: netboxHost,
      sourceKind: 'netbox',
    });
    expect(netbox.settings.sshOptions).toEqual({ user: 'nb-user', port: 2022 });
  });

  it('uses the rename as the label everywhere, including the session tab', () => {
    const tree = { ...emptyTree(), hosts: { 'netbox:web': { label: 'Web (prod)' } } };
    const { settings } = effectiveHost({
      tree,
      folders: new Map(),
      host: syncedHost('netbox', 'web'),
      sourceKind: 'netbox',
    });
    expect(settings.label).toBe('Web (prod)');
  });
});
