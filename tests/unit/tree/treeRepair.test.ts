import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeStore } from '../../../src-main/store/storeCodec';
import { repairTree } from '../../../src-main/tree/treeRepair.logic';
import { emptyTree } from '../../../src-main/store/storeSchema';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { goodStore, writeStoreFile } from '../store/storeFixtures';
import { treeHarness } from './treeHarness';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-tree-');
});
afterEach(async () => removeDir(home));

describe('repairing a hand-edited tree', () => {
  it('moves orphans and cycles to the top and gives every own host a place, dropping nothing', () => {
    const { tree, repairs } = repairTree({
      ...emptyTree(),
      folders: [
        { id: 'a', name: 'A', parentId: 'b', order: 0, settings: {} },
        { id: 'b', name: 'B', parentId: 'a', order: 1, settings: {} },
        { id: 'c', name: 'C', parentId: 'gone', order: 2, settings: {} },
      ],
      manualHosts: [{ id: 'legacy', label: 'L', hostName: 'l' }],
      hosts: { legacy: { notes: 'n' }, 'netbox:x': { placement: { folderId: 'gone', order: 3 } } },
    });
    expect(tree.folders.map((f) => [f.id, f.parentId])).toEqual([
      ['a', null],
      ['b', 'a'],
      ['c', null],
    ]);
    expect(tree.manualHosts[0]?.id).toBe('manual:legacy');
    expect(tree.hosts['manual:legacy']).toMatchObject({ notes: 'n', placement: { folderId: null } });
    expect(tree.hosts['netbox:x']?.placement?.folderId).toBeNull();
    expect(repairs).toHaveLength(3);
  });

  it('tells the user at start what it repaired', async () => {
    const broken = goodStore();
    broken.tree.folders.push({ id: 'f-2', name: 'orphan', parentId: 'nowhere', order: 1, settings: {} });
    await writeStoreFile(home, encodeStore(broken));
    const h = await treeHarness(home);
    expect(h.store.notices()[0]).toMatchObject({
      level: 'warning',
      message: expect.stringContaining('"orphan" lost its parent'),
    });
    expect(h.store.read().tree.folders.find((f) => f.id === 'f-2')?.parentId).toBeNull();
  });
});
