import { describe, expect, it } from 'vitest';
import {
  dropMutations,
  dropPosition,
  dropTargetFor,
} from '../../../../src-renderer/src/stores/tree/dragDrop.logic';
import { buildTreeModel } from '../../../../src-renderer/src/stores/tree/treeModel.logic';
import { sampleData } from './treeFixtures';

const model = buildTreeModel(sampleData());
const target = (id: string) => {
  const found = dropTargetFor(model, model.nodeIndexById.get(id) ?? -1);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};
const hosts = { kind: 'hosts' as const, hostIds: ['ssh-config:web-10'] };

describe('drag and drop', () => {
  it('reads before / into / after from where the pointer is', () => {
    expect(dropPosition('folder', 'folder', 2, 22)).toBe('before');
    expect(dropPosition('folder', 'folder', 11, 22)).toBe('into');
    expect(dropPosition('folder', 'folder', 20, 22)).toBe('after');
    expect(dropPosition('folder', 'folder', 20, 22, true)).toBe('into');
    expect(dropPosition('host', 'hosts', 5, 22)).toBe('before');
    expect(dropPosition('host', 'hosts', 12, 22)).toBe('after');
    expect(dropPosition('section', 'folder', 1, 22)).toBe('into');
  });

  it('shows a host dropped anywhere on a folder row going into it, as it does', () => {
    expect(dropPosition('folder', 'hosts', 2, 22)).toBe('into');
    expect(dropPosition('folder', 'hosts', 20, 22)).toBe('into');
  });

  it('puts hosts into a folder, at the top of My folders, or next to another placed host', () => {
    expect(dropMutations(hosts, target('folder:f-prod'), 'before')).toEqual([
      { op: 'host.move', hostIds: ['ssh-config:web-10'], folderId: 'f-prod' },
    ]);
    expect(dropMutations(hosts, target('section:folders'), 'into')).toEqual([
      { op: 'host.move', hostIds: ['ssh-config:web-10'], folderId: null },
    ]);
    expect(dropMutations(hosts, target('placed:netbox:db-01'), 'after')).toEqual([
      { op: 'host.move', hostIds: ['ssh-config:web-10'], folderId: 'f-prod', beforeHostId: 'manual:bastion' },
    ]);
    expect(dropMutations(hosts, target('placed:manual:bastion'), 'after')).toEqual([
      { op: 'host.move', hostIds: ['ssh-config:web-10'], folderId: 'f-prod', beforeHostId: null },
    ]);
  });

  it('favourites what is dropped on Favourites, and reorders one favourite among the others', () => {
    expect(dropMutations(hosts, target('section:favourites'), 'into')).toEqual([
      { op: 'favourite.set', hostIds: ['ssh-config:web-10'], favourite: true },
    ]);
    expect(dropMutations(hosts, target('fav:ssh-config:web-2'), 'before')).toEqual([
      { op: 'favourite.set', hostIds: ['ssh-config:web-10'], favourite: true },
      { op: 'favourite.move', hostId: 'ssh-config:web-10', beforeHostId: 'ssh-config:web-2' },
    ]);
  });

  it('moves folders into, before or after folders, never into themselves; sources take no drops', () => {
    const prod = { kind: 'folder' as const, folderId: 'f-prod' };
    const acme = { kind: 'folder' as const, folderId: 'f-acme' };
    expect(dropMutations(acme, target('section:folders'), 'into')).toEqual([
      { op: 'folder.move', folderId: 'f-acme', parentId: null },
    ]);
    expect(dropMutations(acme, target('folder:f-prod'), 'before')).toEqual([
      { op: 'folder.move', folderId: 'f-acme', parentId: null, beforeId: 'f-prod' },
    ]);
    expect(dropMutations(prod, target('folder:f-acme'), 'into')).toBeNull();
    expect(dropMutations(prod, target('folder:f-prod'), 'into')).toBeNull();
    expect(dropMutations(hosts, target('source:netbox'), 'into')).toBeNull();
    expect(dropMutations(hosts, target('recent:netbox:lb-01'), 'before')).toBeNull();
  });
});
