import { chmodSync, lstatSync, mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/** The file-system calls a private-directory check needs; node's own by default, a fake in tests. */
export interface DirectoryFs {
  mkdir(path: string, mode: number): void;
  lstat(path: string): Pick<Stats, 'uid' | 'mode' | 'isDirectory' | 'isSymbolicLink'>;
  stat(path: string): Pick<Stats, 'uid' | 'mode' | 'isDirectory' | 'isSymbolicLink'>;
  chmod(path: string, mode: number): void;
}

export const nodeDirectoryFs: DirectoryFs = {
  mkdir: (path, mode) => void mkdirSync(path, { mode }),
  lstat: (path) => lstatSync(path),
  stat: (path) => statSync(path),
  chmod: (path, mode) => chmodSync(path, mode),
};

/** A directory Muxdeck must not use: another user owns it or can write into it. The message says what to do. */
export class UnsafeDirectoryError extends Error {
  constructor(
    readonly directory: string,
    reason: string,
  ) {
    super(
      `Muxdeck will not use ${directory}: ${reason} Another local user could have put a tmux server or ` +
        'socket there to read your keystrokes and passwords. Remove it (after checking what is in it) or ' +
        'point MUXDECK_HOME elsewhere, then start Muxdeck again.',
    );
    this.name = 'UnsafeDirectoryError';
  }
}

const GROUP_OR_OTHER = 0o077;
const WRITABLE_BY_GROUP_OR_OTHER = 0o022;

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * Makes `dir` a directory only this user can use, or throws UnsafeDirectoryError. Creates it (and missing
 * parents) mode 0700. An existing one must belong to this user and be writable by nobody else: then nobody
 * else can have planted a socket in it, and it is tightened to 0700. One that another user owns or can write
 * to is refused, never "fixed": whatever is already in it may be theirs. A symlink counts only when this
 * user owns the link too (in a sticky /tmp, its owner can re-point it at any time).
 *
 * Where there are no uids (Windows), it only creates the directory.
 */
export function ensurePrivateDirectory(
  dir: string,
  uid: number | undefined = process.getuid?.(),
  fs: DirectoryFs = nodeDirectoryFs,
): void {
  createIfMissing(dir, fs);
  if (uid === undefined) return;
  const link = fs.lstat(dir);
  if (link.isSymbolicLink() && link.uid !== uid) {
    throw new UnsafeDirectoryError(
      dir,
      `it is a symbolic link that belongs to another user (uid ${link.uid}).`,
    );
  }
  const stats = fs.stat(dir);
  if (!stats.isDirectory()) throw new UnsafeDirectoryError(dir, 'it is not a directory.');
  if (stats.uid !== uid) {
    throw new UnsafeDirectoryError(dir, `it belongs to another user (uid ${stats.uid}, you are ${uid}).`);
  }
  const mode = stats.mode & 0o7777;
  if (mode & WRITABLE_BY_GROUP_OR_OTHER) {
    throw new UnsafeDirectoryError(
      dir,
      `other users can write to it (mode ${mode.toString(8).padStart(4, '0')}).`,
    );
  }
  if (mode & GROUP_OR_OTHER) fs.chmod(dir, 0o700);
}

function createIfMissing(dir: string, fs: DirectoryFs): void {
  try {
    fs.mkdir(dir, 0o700);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT') throw error;
    // Parents are created private too; they hold nothing of anyone else's yet.
    createParents(dirname(dir), fs);
    try {
      fs.mkdir(dir, 0o700);
    } catch (again) {
      if (errorCode(again) !== 'EEXIST') throw again;
    }
  }
}

function createParents(dir: string, fs: DirectoryFs): void {
  try {
    fs.mkdir(dir, 0o700);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw error;
    createParents(dirname(dir), fs);
    fs.mkdir(dir, 0o700);
  }
}
