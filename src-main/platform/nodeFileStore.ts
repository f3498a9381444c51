import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import type { FileStore } from '../store/fileStore';

/** The durable store's file operations on the real disk. */
export const nodeFileStore: FileStore = {
  readText: (path) => readFile(path, 'utf8'),
  async writeDurably(path, text, mode) {
    const handle = await open(path, 'w', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  async syncDirectory(dir) {
    if (process.platform === 'win32') return;
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async kind(path) {
    try {
      const stats = await stat(path);
      if (stats.isFile()) return 'file';
      return stats.isDirectory() ? 'directory' : 'other';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
  },
  ensureDirectory: async (dir) => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  },
};
