import { readFile, readdir } from 'node:fs/promises';
import type { FileReader } from '../ports';

export const nodeFileReader: FileReader = {
  readText: (path) => readFile(path, 'utf8'),
  async listDir(path) {
    try {
      return await readdir(path);
    } catch {
      return [];
    }
  },
};
