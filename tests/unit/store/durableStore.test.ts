import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { filesIn, openStore, readStoreFile } from './storeFixtures';
import { recordingFileStore } from './recordingFileStore';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-store-');
});
afterEach(async () => removeDir(home));

const limit =
  (recentLimit: number) =>
  (data: Parameters<Parameters<Awaited<ReturnType<typeof openStore>>['update']>[0]>[0]) => ({
    ...data,
    settings: { ...data.settings, recentLimit },
  });

describe('durable store writes', () => {
  it('writes a temp file, fsyncs it, renames it over the target, then syncs the directory', async () => {
    const recording = recordingFileStore();
    const store = await openStore(home, recording.files);
    await store.update(limit(7));
    const ops = recording.log.map(
      (entry) =>
        `${entry.op} ${entry.path.replace(home, '~')}${entry.to ? ` -> ${entry.to.replace(home, '~')}` : ''}`,
    );
    const main = ops
      .filter(
        (op) =>
          op.includes('store.json.tmp') || op.includes('-> ~/store.json') || op.startsWith('syncDirectory'),
      )
      .slice(0, 3);
    expect(main[0]).toMatch(/^writeDurably ~\/store\.json\.tmp-[0-9a-f]{8}$/);
    expect(main[1]).toMatch(/^rename ~\/store\.json\.tmp-[0-9a-f]{8} -> ~\/store\.json$/);
    expect(main[2]).toBe('syncDirectory ~');
    expect(JSON.parse(await readStoreFile(home)).settings.recentLimit).toBe(7);
  });

  it('keeps the last good content as a backup', async () => {
    const store = await openStore(home);
    await store.update(limit(4));
    expect(await readStoreFile(home, 'store.json.bak')).toBe(await readStoreFile(home));
  });

  it('leaves the old file whole when a write fails half way, and removes the temp file', async () => {
    const recording = recordingFileStore();
    const store = await openStore(home, recording.files);
    await store.update(limit(4));
    const before = await readStoreFile(home);
    recording.failOn('rename', 'store.json.tmp');
    await store.update(limit(9));
    expect(await readStoreFile(home)).toBe(before);
    expect((await filesIn(home)).filter((name) => name.includes('.tmp'))).toEqual([]);
    // The change is kept in memory, the user is told once, and the next change saves it.
    expect(store.read().settings.recentLimit).toBe(9);
    expect(store.notices()).toHaveLength(1);
    expect(store.notices()[0]?.message).toContain('could not save');
    await store.update(limit(9));
    expect(store.notices()).toHaveLength(1);
    recording.clearFailures();
    await store.update(limit(10));
    expect(JSON.parse(await readStoreFile(home)).settings.recentLimit).toBe(10);
  });

  it('folds updates made while a write is in flight into one next write', async () => {
    const recording = recordingFileStore();
    const store = await openStore(home, recording.files);
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.update(limit(n))));
    const mainWrites = recording.log.filter((e) => e.op === 'rename' && e.to?.endsWith('store.json')).length;
    expect(mainWrites).toBeLessThanOrEqual(2);
    expect(JSON.parse(await readStoreFile(home)).settings.recentLimit).toBe(5);
  });

  it('writes nothing the schema does not know (a stray field never reaches the disk)', async () => {
    const store = await openStore(home);
    await store.update((data) => ({
      ...data,
      settings: { ...data.settings, recentLimit: 3, password: 'hunter2' } as typeof data.settings,
    }));
    expect(await readStoreFile(home)).not.toContain('hunter2');
  });
});
