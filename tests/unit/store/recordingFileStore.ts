import { nodeFileStore } from '../../../src-main/platform/nodeFileStore';
import type { FileStore } from '../../../src-main/store/fileStore';

type Operation = keyof FileStore;

/** The real disk, with a log of every operation and failures injected where a test asks. */
export function recordingFileStore() {
  const log: Array<{ op: Operation; path: string; to?: string }> = [];
  const failures = new Map<string, Error>();
  const fail = (op: Operation, path: string) => {
    for (const [key, error] of failures) {
      const [failOp, pattern] = key.split(' ');
      if (failOp === op && pattern !== undefined && path.includes(pattern)) throw error;
    }
  };
  const files: FileStore = {
    async readText(path) {
      log.push({ op: 'readText', path });
      fail('readText', path);
      return nodeFileStore.readText(path);
    },
    async writeDurably(path, text, mode) {
      log.push({ op: 'writeDurably', path });
      fail('writeDurably', path);
      return nodeFileStore.writeDurably(path, text, mode);
    },
    async rename(from, to) {
      log.push({ op: 'rename', path: from, to });
      fail('rename', from);
      return nodeFileStore.rename(from, to);
    },
    async remove(path) {
      log.push({ op: 'remove', path });
      return nodeFileStore.remove(path);
    },
    async syncDirectory(dir) {
      log.push({ op: 'syncDirectory', path: dir });
      return nodeFileStore.syncDirectory(dir);
    },
    kind: (path) => nodeFileStore.kind(path),
    ensureDirectory: (dir) => nodeFileStore.ensureDirectory(dir),
  };
  return {
    files,
    log,
    /** The next `op` on a path containing `pattern` throws, until cleared. */
    failOn(op: Operation, pattern: string, error = new Error(`ENOSPC: no space left on device, ${op}`)) {
      failures.set(`${op} ${pattern}`, error);
    },
    clearFailures: () => failures.clear(),
  };
}
