import { describe, expect, it } from 'vitest';
import { migrateToCurrent } from '../../../src-main/store/migrations';
import { decodeStore } from '../../../src-main/store/storeCodec';
import { STORE_VERSION } from '../../../src-main/store/storeSchema';

/** One file in every shape the store ever had; a new schema version must add its predecessor here. */
const EARLIER_VERSIONS: Record<number, unknown> = {
  0: {
    folders: [
      { path: ['customers'], hosts: ['ssh-config:web'] },
      { path: ['customers', 'acme'], hosts: ['ssh-config:db', 'ansible:lb'] },
    ],
    favorites: ['ssh-config:web'],
    labels: { 'ssh-config:db': 'ACME database' },
  },
  1: {
    version: 1,
    folders: [
      { id: 'a', name: 'prod', parentId: null, hostIds: ['ssh-config:web'], user: 'deploy', port: 2222 },
      { id: 'b', name: 'bad folder \u0007', parentId: 'a', hostIds: [], user: 'has space' },
    ],
    favourites: ['ssh-config:web', 'm1'],
    overrides: { 'ssh-config:web': { label: 'Web', notes: 'primary', port: 70000 } },
    manualHosts: [
      { id: 'm1', name: 'bastion', host: 'bastion.example.com', user: 'ops', folderId: 'a' },
      { id: 'm2', name: 'evil', host: '-oProxyCommand=x', folderId: null },
    ],
    recent: ['m1'],
  },
};

describe('store migrations', () => {
  it('has a fixture for every earlier schema version', () => {
    for (let version = 0; version < STORE_VERSION; version++) expect(EARLIER_VERSIONS[version]).toBeDefined();
  });

  it.each(Object.keys(EARLIER_VERSIONS).map(Number))(
    'reads a version %i file as the current schema',
    (version) => {
      const result = decodeStore(JSON.stringify(EARLIER_VERSIONS[version]));
      expect(result).toMatchObject({ ok: true, migratedFrom: version });
      if (result.ok) expect(result.data.version).toBe(STORE_VERSION);
    },
  );

  it('turns v0 name paths into nested folders holding the same hosts, with favourites and labels', () => {
    const result = decodeStore(JSON.stringify(EARLIER_VERSIONS[0]));
    if (!result.ok) throw new Error(result.reason);
    const { tree } = result.data;
    const customers = tree.folders.find((f) => f.name === 'customers');
    const acme = tree.folders.find((f) => f.name === 'acme');
    expect(acme?.parentId).toBe(customers?.id);
    expect(tree.hosts['ssh-config:web']?.placement?.folderId).toBe(customers?.id);
    expect(tree.hosts['ansible:lb']?.placement).toEqual({ folderId: acme?.id, order: 1 });
    expect(tree.hosts['ssh-config:db']?.label).toBe('ACME database');
    expect(tree.favourites).toEqual(['ssh-config:web']);
  });

  it('turns v1 folder and override fields into inheritable settings and keeps manual hosts connectable', () => {
    const result = decodeStore(JSON.stringify(EARLIER_VERSIONS[1]));
    if (!result.ok) throw new Error(result.reason);
    const { tree } = result.data;
    expect(tree.folders[0]).toMatchObject({
      id: 'a',
      name: 'prod',
      settings: { user: 'deploy', port: 2222 },
    });
    // Values today's rules refuse are dropped one by one, never the whole file.
    expect(tree.folders[1]).toMatchObject({ name: 'Folder', settings: {} });
    expect(tree.hosts['ssh-config:web']).toMatchObject({ label: 'Web', notes: 'primary' });
    expect(tree.hosts['ssh-config:web']?.settings).toBeUndefined();
    expect(tree.manualHosts).toEqual([
      { id: 'manual:m1', label: 'bastion', hostName: 'bastion.example.com' },
    ]);
    expect(tree.hosts['manual:m1']).toMatchObject({
      settings: { user: 'ops' },
      placement: { folderId: 'a' },
    });
    expect(tree.favourites).toEqual(['ssh-config:web', 'manual:m1']);
    expect(tree.recent).toEqual([{ hostId: 'manual:m1', at: 0 }]);
  });

  it('refuses a file from a newer Muxdeck, and one whose version is not a number', () => {
    expect(() => migrateToCurrent({ version: STORE_VERSION + 1 })).toThrow(/newer Muxdeck/);
    expect(decodeStore(JSON.stringify({ version: '2' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('version'),
    });
  });

  it('reports a damaged old file as damaged rather than half-migrating it', () => {
    const result = decodeStore(JSON.stringify({ version: 1, folders: 'nope' }));
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not match its schema version'),
    });
  });
});
