import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Logger } from '../ports';
import { ensurePrivateDirectory, UnsafeDirectoryError } from '../platform/privateDirectory';

/** The file in MUXDECK_HOME that remembers which short directory holds the sockets, so every start finds them. */
export const SOCKET_DIRECTORY_RECORD = 'socket-dir';

export interface SocketDirectoryOptions {
  /** MUXDECK_HOME, already checked private: the record lives there. */
  home: string;
  /** XDG_RUNTIME_DIR and TMPDIR come from here (the app's env, not necessarily the process's). */
  env: NodeJS.ProcessEnv;
  uid: number | undefined;
  logger: Logger;
  /** Makes a directory private or throws UnsafeDirectoryError (platform/privateDirectory.ts). */
  ensurePrivate?: (dir: string) => void;
}

/**
 * A short directory for sockets whose path under MUXDECK_HOME would be too long (Unix sockets are limited
 * to ~104 bytes) or unsafe in an ssh option. Every candidate must be private to this user
 * (ensurePrivateDirectory): a directory another user made first — say a 0777 `/tmp/muxdeck-0` with their
 * own tmux server at the socket Muxdeck expects — is passed over, never used.
 *
 * In order: the directory an earlier start recorded (so the desktop app, serve mode and `muxdeck run` keep
 * meeting the same tmux server whatever their environment); `$XDG_RUNTIME_DIR/muxdeck` (per user, 0700,
 * by the XDG spec); `$TMPDIR/muxdeck-<uid>`; else a fresh `mkdtemp` directory. The choice is recorded.
 */
export function chooseSocketDirectory(opts: SocketDirectoryOptions): string {
  const ensurePrivate = opts.ensurePrivate ?? ((dir: string) => ensurePrivateDirectory(dir, opts.uid));
  const record = join(opts.home, SOCKET_DIRECTORY_RECORD);
  const usable = (dir: string | undefined, create: boolean): dir is string => {
    if (!dir || !isAbsolute(dir)) return false;
    try {
      if (!create && !existsAsDirectory(dir)) return false;
      ensurePrivate(dir);
      return true;
    } catch (error) {
      if (!(error instanceof UnsafeDirectoryError)) return false;
      opts.logger.warn('socket directory refused', { directory: dir, reason: error.message });
      return false;
    }
  };

  const recorded = readRecord(record);
  // A recorded directory that vanished (a reboot emptied /tmp) is not re-created under a name others saw.
  if (usable(recorded, false)) return recorded;

  const runtime = opts.env.XDG_RUNTIME_DIR;
  const tmp = opts.env.TMPDIR || '/tmp';
  const candidates = [
    ...(runtime && usable(runtime, false) ? [join(runtime, 'muxdeck')] : []),
    join(tmp, `muxdeck-${opts.uid ?? 'user'}`),
  ];
  const chosen =
    candidates.find((dir) => usable(dir, true)) ?? mkdtempSync(join(tmp, `muxdeck-${opts.uid ?? 'user'}-`));
  ensurePrivate(chosen);
  writeFileSync(record, `${chosen}\n`, { mode: 0o600 });
  return chosen;
}

function readRecord(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function existsAsDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
