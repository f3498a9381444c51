import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { FileStore } from './fileStore';

/** Owner-only: the store holds the user's tree, hosts and notes. */
export const STORE_FILE_MODE = 0o600;

/**
 * Replaces `path` with `text` so that a crash at any moment leaves either the old or the new
 * content, never a mix or an empty file: write a temp file in the same directory, fsync it,
 * rename it over the target, then fsync the directory so the rename itself survives power loss.
 */
export async function writeFileAtomically(files: FileStore, path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await files.writeDurably(temp, text, STORE_FILE_MODE);
    await files.rename(temp, path);
  } catch (error) {
    await files.remove(temp).catch(() => undefined);
    throw error;
  }
  // Best effort: some filesystems (and Windows) cannot fsync a directory; the data itself is safe.
  await files.syncDirectory(dirname(path)).catch(() => undefined);
}
