import { posix } from 'node:path';
import type {
  InventoryFileSystem,
  PathInfo,
} from '../../../../src-main/inventory/ansible/inventoryFileSystem';

export type MemoryFile = string | { text: string; executable?: boolean };

/**
 * An InventoryFileSystem over a map of absolute POSIX paths to file contents; directories are
 * implied by the paths. Records every read so tests can prove what was (not) touched.
 */
export function memoryInventoryFs(
  files: Record<string, MemoryFile>,
): InventoryFileSystem & { reads: string[] } {
  const reads: string[] = [];
  const entry = (path: string) => files[posix.normalize(path)];
  const isDirectory = (path: string) => {
    const prefix = posix.normalize(path).replace(/\/$/, '') + '/';
    return Object.keys(files).some((file) => file.startsWith(prefix));
  };
  return {
    reads,
    async readText(path) {
      const file = entry(path);
      if (file === undefined)
        throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
      reads.push(path);
      return typeof file === 'string' ? file : file.text;
    },
    async listDir(path) {
      const prefix = posix.normalize(path).replace(/\/$/, '') + '/';
      const names = new Set<string>();
      for (const file of Object.keys(files)) {
        if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0] ?? '');
      }
      return [...names].filter(Boolean);
    },
    async stat(path): Promise<PathInfo> {
      const file = entry(path);
      if (file !== undefined) {
        const text = typeof file === 'string' ? file : file.text;
        return {
          kind: 'file',
          executable: typeof file !== 'string' && file.executable === true,
          size: text.length,
        };
      }
      if (isDirectory(path)) return { kind: 'directory', executable: true, size: 0 };
      return { kind: 'missing', executable: false, size: 0 };
    },
  };
}
