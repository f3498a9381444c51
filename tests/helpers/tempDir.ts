import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Unix socket paths are limited to 104 (macOS) / 108 (Linux) bytes including the NUL. Stay well below both so
 * the sshd, ssh ControlPath and tmux sockets we put inside temp dirs always fit.
 */
export const MAX_UNIX_SOCKET_PATH_BYTES = 100;

/** Creates a fresh private (0700) directory directly under os.tmpdir(). Keep prefixes short, e.g. 'mx-'. */
export async function makeTempDir(prefix = 'mx-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Removes a directory tree; missing paths are fine so it is safe in afterAll after a partial setup. */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
}

/** Joins dir and name, failing loudly now rather than with a cryptic bind()/connect() error later. */
export function socketPathIn(dir: string, name: string): string {
  const socketPath = path.join(dir, name);
  const bytes = Buffer.byteLength(socketPath);
  if (bytes >= MAX_UNIX_SOCKET_PATH_BYTES) {
    throw new Error(
      `unix socket path is ${bytes} bytes (limit ${MAX_UNIX_SOCKET_PATH_BYTES}): ${socketPath}; ` +
        'use a shorter TMPDIR or prefix',
    );
  }
  return socketPath;
}
