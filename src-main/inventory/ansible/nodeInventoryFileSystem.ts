import { readdir, readFile, stat } from 'node:fs/promises';
import type { CommandRunner } from '../../ports';
import type { InventoryFileSystem, InventoryScriptRunner, PathInfo } from './inventoryFileSystem';

/** The disk, for the CLI and the app. The inventory readers themselves never touch node:fs. */
export const nodeInventoryFileSystem: InventoryFileSystem = {
  readText: (path) => readFile(path, 'utf8'),
  async listDir(path) {
    try {
      return await readdir(path);
    } catch {
      return [];
    }
  },
  async stat(path): Promise<PathInfo> {
    try {
      const info = await stat(path);
      const kind = info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
      return { kind, executable: (info.mode & 0o111) !== 0, size: info.size };
    } catch {
      return { kind: 'missing', executable: false, size: 0 };
    }
  },
};

/** Inventory scripts get a time limit: a hung script must not hang a sync. */
export const INVENTORY_SCRIPT_TIMEOUT_MS = 60_000;

export function commandScriptRunner(runner: CommandRunner): InventoryScriptRunner {
  return (path, args) => runner.run(path, args, { timeoutMs: INVENTORY_SCRIPT_TIMEOUT_MS });
}
