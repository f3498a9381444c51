import { dirname } from 'node:path';
import type { FileReader } from '../../src-main/ports';

/** A FileReader over an in-memory map of absolute path -> text. */
export function memoryFileReader(files: Record<string, string>): FileReader {
  return {
    async readText(path) {
      const text = files[path];
      if (text === undefined)
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      return text;
    },
    async listDir(path) {
      const names = new Set<string>();
      for (const file of Object.keys(files)) {
        if (dirname(file) === path) names.add(file.slice(path.length + 1));
        else if (file.startsWith(`${path}/`)) names.add(file.slice(path.length + 1).split('/')[0] ?? '');
      }
      return [...names].filter(Boolean);
    },
  };
}
