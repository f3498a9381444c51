import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeStore } from '../../../src-main/store/storeCodec';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import {
  deeplySplitTab,
  filesIn,
  goodStore,
  openStore,
  readStoreFile,
  writeStoreFile,
} from './storeFixtures';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-store-depth-');
});
afterEach(async () => removeDir(home));

function withDeepLayout(depth: number): string {
  const data = goodStore('kept');
  return JSON.stringify({
    ...data,
    layout: {
      ...data.layout,
      workspace: { tabs: [deeplySplitTab(depth)], groups: [], activeTabId: 'tab-deep' },
    },
  });
}

describe('a store that nests too deep (security review, issue 11)', () => {
  it('starts with the tree kept when main file and backup hold a layout nested 500 splits deep', async () => {
    // The attack: layout:set of a 500-deep split tree was saved to both files; every start then died
    // with "Maximum call stack size exceeded".
    await writeStoreFile(home, withDeepLayout(500));
    await writeStoreFile(home, withDeepLayout(500), 'store.json.bak');

    const store = await openStore(home);

    expect(store.read().tree.folders.map((f) => f.name)).toEqual(['kept']);
    expect(store.read().layout.workspace).toEqual({ tabs: [], groups: [], activeTabId: null });
    // The next save writes a workspace that can be read again.
    await store.update((data) => ({ ...data, settings: { ...data.settings, recentLimit: 7 } }));
    expect(JSON.parse(await readStoreFile(home)).layout.workspace.tabs).toEqual([]);
  });

  it('sets aside a file nested 200,000 deep and restores the backup, without throwing', async () => {
    const deep = `{"version":2,"tree":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    expect(() => decodeStore(deep)).not.toThrow();
    expect(decodeStore(deep).ok).toBe(false);

    await writeStoreFile(home, JSON.stringify(goodStore('from backup')), 'store.json.bak');
    await writeStoreFile(home, deep);
    const store = await openStore(home);

    expect(store.read().tree.folders[0]?.name).toBe('from backup');
    expect((await filesIn(home)).some((name) => name.startsWith('store.json.broken-'))).toBe(true);
    expect(store.notices()[0]?.message).toContain('restored from the last good backup');
  });
});
