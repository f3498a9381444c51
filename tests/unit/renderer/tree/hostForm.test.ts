import { describe, expect, it } from 'vitest';
import {
  folderFormMutations,
  newFolderForm,
  validateFolderForm,
} from '../../../../src-renderer/src/stores/tree/folderForm.logic';
import {
  hostFormFrom,
  hostFormMutations,
  newHostForm,
  parseTags,
  validateHostForm,
} from '../../../../src-renderer/src/stores/tree/hostForm.logic';
import {
  folderOptions,
  inheritedHint,
  NOT_IN_FOLDERS,
  TOP_LEVEL,
} from '../../../../src-renderer/src/stores/tree/settingsForm.logic';
import { buildEntries } from '../../../../src-renderer/src/stores/tree/treeEntries.logic';
import { sampleData } from './treeFixtures';

const create = { kind: 'create' } as const;

describe('host form', () => {
  it('checks every field with the contract rules, inline', () => {
    const errors = validateHostForm(
      {
        ...newHostForm(null),
        label: '',
        hostName: '-oProxyCommand=x',
        user: 'a b',
        port: '70000',
        jumpHost: 'ok,-J',
        identityFile: '-i',
      },
      create,
    );
    expect(errors).toEqual({
      label: 'a name is required',
      hostName: 'must not start with "-" (ssh would read it as an option)',
      user: 'no spaces; only letters, digits and . _ @ + - are allowed',
      port: 'from 1 to 65535',
      jumpHost: 'use [user@]host[:port], several separated by commas',
      identityFile: 'must not start with "-"',
    });
    expect(
      validateHostForm({ ...newHostForm(null), label: 'w', hostName: 'root@web' }, create).hostName,
    ).toContain('User field');
    expect(
      validateHostForm({ ...newHostForm(null), label: 'w', hostName: 'web', port: '22a' }, create).port,
    ).toContain('number');
    expect(
      validateHostForm({ ...newHostForm(null), label: 'w', hostName: 'web', port: ' 2222 ' }, create),
    ).toEqual({});
  });

  it('creates a host with its settings; empty fields inherit', () => {
    const values = {
      ...newHostForm('f-prod'),
      label: ' web ',
      hostName: 'web.example.com',
      user: 'deploy',
      persistence: 'remote' as const,
      logging: 'on' as const,
      tags: 'a, b a',
    };
    expect(hostFormMutations(values, create)).toEqual([
      {
        op: 'host.create',
        label: 'web',
        hostName: 'web.example.com',
        folderId: 'f-prod',
        tags: ['a', 'b'],
        notes: '',
        settings: { user: 'deploy', persistence: 'remote', logging: true },
      },
    ]);
    expect(parseTags(' x,,y  z ')).toEqual(['x', 'y', 'z']);
  });

  it('edits a synced host: its own name clears the rename, and leaving My folders unplaces it', () => {
    const entry = buildEntries(sampleData()).entries.find((e) => e.hostId === 'netbox:db-01');
    if (!entry) throw new Error('fixture');
    const values = hostFormFrom(entry, sampleData().overlay.hosts['netbox:db-01']);
    expect(values).toMatchObject({ label: 'Database', hostName: '', folder: 'f-prod', tags: 'pg' });
    const mode = {
      kind: 'edit',
      hostId: 'netbox:db-01',
      manual: false,
      sourceLabel: 'db-01',
      originalFolder: 'f-prod',
    } as const;
    expect(validateHostForm({ ...values, label: '' }, mode)).toEqual({});
    expect(hostFormMutations({ ...values, label: 'db-01', folder: NOT_IN_FOLDERS }, mode)).toEqual([
      { op: 'host.update', hostId: 'netbox:db-01', label: '', tags: ['pg'], notes: '', settings: {} },
      { op: 'host.unplace', hostIds: ['netbox:db-01'] },
    ]);
    expect(hostFormMutations({ ...values, folder: TOP_LEVEL }, mode)[1]).toEqual({
      op: 'host.move',
      hostIds: ['netbox:db-01'],
      folderId: null,
    });
  });

  it('says what is inherited, and from where', () => {
    expect(
      inheritedHint('user', {
        user: { value: 'admin', from: { kind: 'folder', folderId: 'f', name: 'customers' } },
      }),
    ).toBe('Inherited: admin (from folder “customers”)');
    expect(inheritedHint('logging', { logging: { value: false, from: { kind: 'default' } } })).toBe(
      'Inherited: off (from Muxdeck’s default)',
    );
    expect(inheritedHint('port', null)).toContain('22');
  });
});

describe('folder form', () => {
  it('validates the name and moves the folder when its parent changes', () => {
    expect(validateFolderForm(newFolderForm(null)).name).toBe('a name is required');
    const mode = { kind: 'edit', folderId: 'f-acme', originalParent: 'f-prod' } as const;
    expect(folderFormMutations({ ...newFolderForm(null), name: 'acme', port: '2200' }, mode)).toEqual([
      { op: 'folder.update', folderId: 'f-acme', name: 'acme', settings: { port: 2200 }, notes: '' },
      { op: 'folder.move', folderId: 'f-acme', parentId: null },
    ]);
  });

  it('offers every folder but the one being moved and its insides', () => {
    const folders = sampleData().overlay.folders;
    expect(folderOptions(folders).map((o) => [o.label, o.depth])).toEqual([
      ['prod', 1],
      ['acme', 2],
    ]);
    expect(folderOptions(folders, 'f-prod')).toEqual([]);
  });
});
