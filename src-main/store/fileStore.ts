/**
 * The filesystem operations the durable store needs, as a port: the store's crash-safety
 * logic (temp file, fsync, rename, backup, setting broken files aside) is tested against a
 * fake that can fail at every step, and runs on the real disk through nodeFileStore.
 */
export type PathKind = 'file' | 'directory' | 'other' | 'missing';

export interface FileStore {
  /** The whole file as UTF-8; rejects with the system error (ENOENT, EISDIR, EACCES...). */
  readText(path: string): Promise<string>;
  /** Creates or truncates, writes, fsyncs and closes: when it resolves the bytes are on disk. */
  writeDurably(path: string, text: string, mode: number): Promise<void>;
  /** Atomic replace within one directory (POSIX rename; MoveFileEx on Windows). */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; a missing file is not an error. */
  remove(path: string): Promise<void>;
  /** Makes a rename in this directory durable, where the platform can (a no-op elsewhere). */
  syncDirectory(dir: string): Promise<void>;
  kind(path: string): Promise<PathKind>;
  ensureDirectory(dir: string): Promise<void>;
}
