import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeStore } from '../../../src-main/store/storeCodec';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { filesIn, goodStore, openStore, readStoreFile, writeStoreFile } from './storeFixtures';
import { recordingFileStore } from './recordingFileStore';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-store-');
});
afterEach(async () => removeDir(home));

const BROKEN: Record<string, string> = {
  'truncated JSON': encodeStore(goodStore()).slice(0, 120),
  'wrong types': JSON.stringify({ ...goodStore(), tree: { ...goodStore().tree, folders: 'customers' } }),
  'an empty file': '',
  'a JSON array': '[]',
  'binary garbage': '\u0000\u0001\u0002garbage',
};

describe('store recovery', () => {
  it('starts empty and quietly on the very first run', async () => {
    const store = await openStore(home);
    expect(store.read().tree.folders).toEqual([]);
    expect(store.notices()).toEqual([]);
  });

  it.each(Object.keys(BROKEN))(
    'keeps %s aside, restores the backup, and says where the broken file is',
    async (kind) => {
      await writeStoreFile(home, encodeStore(goodStore('from backup')), 'store.json.bak');
      await writeStoreFile(home, BROKEN[kind] ?? '');
      const store = await openStore(home);

      expect(store.read().tree.folders[0]?.name).toBe('from backup');
      const broken = (await filesIn(home)).find((name) => name.startsWith('store.json.broken-'));
      expect(broken).toBe('store.json.broken-2025-01-31T09-41-00-000Z');
      expect(await readStoreFile(home, broken)).toBe(BROKEN[kind]);
      const [notice] = store.notices();
      expect(notice).toMatchObject({ level: 'error', file: join(home, broken ?? '') });
      expect(notice?.message).toContain('restored from the last good backup');
      expect(notice?.message).toContain(join(home, broken ?? ''));
      // The restored data is the main file again.
      expect(JSON.parse(await readStoreFile(home)).tree.folders[0].name).toBe('from backup');
    },
  );

  it('copes with a store path that is a directory', async () => {
    await mkdir(join(home, 'store.json'));
    await writeStoreFile(home, encodeStore(goodStore('from backup')), 'store.json.bak');
    const store = await openStore(home);
    expect(store.read().tree.folders[0]?.name).toBe('from backup');
    expect(store.notices()[0]?.message).toContain('it is a directory');
    expect(await filesIn(home)).toContain('store.json.broken-2025-01-31T09-41-00-000Z');
  });

  it('starts empty when the backup is broken too, keeping both aside so nothing is overwritten', async () => {
    await writeStoreFile(home, '{"version": 2, "tree":');
    await writeStoreFile(home, 'also broken', 'store.json.bak');
    const store = await openStore(home);
    expect(store.read().tree.folders).toEqual([]);
    expect(store.notices()[0]?.message).toMatch(
      /could not be read.*backup could not be read either.*empty tree/s,
    );
    await store.update((data) => ({ ...data, settings: { ...data.settings, recentLimit: 5 } }));
    const files = await filesIn(home);
    expect(files).toContain('store.json.broken-2025-01-31T09-41-00-000Z');
    expect(files).toContain('store.json.bak.broken-2025-01-31T09-41-00-000Z');
    expect(await readStoreFile(home, 'store.json.bak.broken-2025-01-31T09-41-00-000Z')).toBe('also broken');
  });

  it('restores the backup when the main file is missing, with a warning', async () => {
    await writeStoreFile(home, encodeStore(goodStore('saved')), 'store.json.bak');
    const store = await openStore(home);
    expect(store.read().tree.folders[0]?.name).toBe('saved');
    expect(store.notices()[0]).toMatchObject({ level: 'warning' });
  });

  it('never overwrites a file it could not move aside, and says so', async () => {
    await writeStoreFile(home, 'not json');
    const recording = recordingFileStore();
    recording.failOn('rename', 'store.json', new Error('EBUSY: resource busy'));
    const store = await openStore(home, recording.files);
    expect(store.notices()[0]?.message).toContain('will not save');
    await store.update((data) => ({ ...data, settings: { ...data.settings, recentLimit: 5 } }));
    expect(await readStoreFile(home)).toBe('not json');
  });

  it('treats a file from a newer Muxdeck as unreadable: kept aside, never written over', async () => {
    const newer = JSON.stringify({ ...goodStore(), version: 99 });
    await writeStoreFile(home, newer);
    await writeStoreFile(home, encodeStore(goodStore('older backup')), 'store.json.bak');
    const store = await openStore(home);
    expect(store.notices()[0]?.message).toContain('newer Muxdeck');
    expect(await readStoreFile(home, 'store.json.broken-2025-01-31T09-41-00-000Z')).toBe(newer);
  });

  it('migrates an old file, keeping a copy of it in its old format', async () => {
    const v0 = JSON.stringify({ folders: [{ path: ['a'], hosts: [] }] });
    await writeStoreFile(home, v0);
    const store = await openStore(home);
    expect(store.read().tree.folders[0]?.name).toBe('a');
    expect(await readStoreFile(home, 'store.json.v0')).toBe(v0);
    expect(JSON.parse(await readStoreFile(home)).version).toBe(2);
    expect(store.notices()).toEqual([]);
  });

  it('writes the store owner-only', async () => {
    const store = await openStore(home);
    await store.update((data) => ({ ...data, settings: { ...data.settings, recentLimit: 3 } }));
    const { stat } = await import('node:fs/promises');
    expect((await stat(join(home, 'store.json'))).mode & 0o777).toBe(0o600);
    await chmod(join(home, 'store.json'), 0o600);
    expect(await readFile(join(home, 'store.json.bak'), 'utf8')).toBe(await readStoreFile(home));
  });
});
