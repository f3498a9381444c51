import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DurableStore } from '../../../src-main/store/durableStore';
import type { FileStore } from '../../../src-main/store/fileStore';
import { storePaths } from '../../../src-main/store/storePaths';
import { emptyWorkspace, type StoreData } from '../../../src-main/store/storeSchema';
import { DEFAULT_APP_SETTINGS } from '../../../src-preload/api';
import { nodeFileStore } from '../../../src-main/platform/nodeFileStore';
import { manualClock } from '../../fakes/manualClock';

export const quietLogger = { info() {}, warn() {}, error() {} };

export async function openStore(home: string, files: FileStore = nodeFileStore) {
  const { clock, advance } = manualClock();
  advance(Date.UTC(2025, 0, 31, 9, 41));
  const store = await DurableStore.open({ files, paths: storePaths(home), clock, logger: quietLogger });
  return store;
}

export async function writeStoreFile(home: string, content: string, name = 'store.json'): Promise<void> {
  await mkdir(home, { recursive: true });
  await writeFile(join(home, name), content);
}

export async function readStoreFile(home: string, name = 'store.json'): Promise<string> {
  return readFile(join(home, name), 'utf8');
}

export async function filesIn(home: string): Promise<string[]> {
  return (await readdir(home)).sort();
}

/** A good current-version file with one folder, for restore tests. */
export function goodStore(name = 'customers'): StoreData {
  return {
    version: 2,
    tree: {
      folders: [{ id: 'f-1', name, parentId: null, order: 0, settings: { user: 'admin' } }],
      manualHosts: [{ id: 'manual:m1', label: 'web', hostName: 'web.example.com' }],
      hosts: {
        'manual:m1': { placement: { folderId: 'f-1', order: 0 } },
        'ssh-config:db': { label: 'Database' },
      },
      favourites: ['ssh-config:db'],
      recent: [],
      known: { 'ssh-config:db': { label: 'db', sourceId: 'ssh-config' } },
    },
    settings: { ...DEFAULT_APP_SETTINGS, terminal: { fontSize: 15 } },
    sources: [],
    layout: { expanded: {}, workspace: emptyWorkspace() },
  };
}

/** A tab whose splits nest `depth` deep: what layout:set stored before depth was bounded (issue 11). */
export function deeplySplitTab(depth: number): unknown {
  let root: unknown = { type: 'pane', sessionId: 's-0' };
  for (let level = 1; level <= depth; level++) {
    root = {
      type: 'split',
      direction: 'row',
      children: [root, { type: 'pane', sessionId: `s-${level}` }],
      sizes: [0.5, 0.5],
    };
  }
  return { id: 'tab-deep', root, focused: 's-0' };
}
