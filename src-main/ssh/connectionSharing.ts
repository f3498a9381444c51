import { createHash } from 'node:crypto';
import { existsSync, unlinkSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDirectory } from '../platform/privateDirectory';
import type { CommandRunner } from '../ports';
import type { SshTarget } from './sshTarget';

/** How long a master connection outlives its last pane, so reopening a host is instant. */
const CONTROL_PERSIST_SECONDS = 600;
/** A dead master can hang `ssh -O check` forever (ConnectTimeout does not bound it): give up fast. */
const MASTER_CHECK_TIMEOUT_MS = 2_000;
/**
 * ssh appends ".XXXXXXXXXXXXXXXX" to ControlPath while creating the socket, and sockets are limited
 * to ~104 bytes; paths with spaces or `%` would also need escaping in -o values. Either way, use a
 * short private directory instead.
 */
const SAFE_DIR = /^[A-Za-z0-9/._-]{1,64}$/;

/**
 * Connection sharing (ControlMaster auto, ControlPath under MUXDECK_HOME, ControlPersist): a second
 * pane to the same host reuses the first connection, so it opens without a new handshake. Keyed by
 * where ssh really goes (`ssh -G`) as well as the name, so a changed config gets a fresh master.
 */
export class ConnectionSharing {
  readonly dir: string;

  constructor(
    private readonly deps: {
      preferredDir: string;
      home: string;
      /** A short directory private to this user (app/socketDirectory.ts), for when preferredDir cannot serve. */
      shortSocketDir: () => string;
      /** Makes the directory private or throws (default: ensurePrivateDirectory). */
      ensurePrivate?: (dir: string) => void;
      runner: CommandRunner;
      sshPath: string;
      env: NodeJS.ProcessEnv;
    },
  ) {
    this.dir = SAFE_DIR.test(deps.preferredDir)
      ? deps.preferredDir
      : join(deps.shortSocketDir(), `cm-${hash(deps.home).slice(0, 8)}`);
    // ssh trusts whatever master answers at ControlPath: nobody else may be able to put one there.
    (deps.ensurePrivate ?? ensurePrivateDirectory)(this.dir);
  }

  /**
   * The alias is part of the key: another alias for the same user@host:port may name a different
   * key or known_hosts file, and must not ride on a master that authenticated differently.
   */
  controlPathFor(destination: string, target: SshTarget): string {
    const key = `${destination}|${target.user}@${target.hostname}:${target.port}|${target.proxyJump ?? ''}`;
    return join(this.dir, hash(key).slice(0, 20));
  }

  sshOptions(controlPath: string): string[] {
    return [
      '-o',
      'ControlMaster=auto',
      '-o',
      `ControlPath=${controlPath}`,
      '-o',
      `ControlPersist=${CONTROL_PERSIST_SECONDS}`,
    ];
  }

  hasSocket(controlPath: string): boolean {
    return existsSync(controlPath);
  }

  /**
   * A socket left by a dead master makes the next ssh hang or silently fall back to a full
   * connection; check it answers, and remove it when it does not. True when a live master serves it.
   */
  async ensureUsable(
    controlPath: string,
    destination: string,
    beforeDestination: readonly string[],
  ): Promise<boolean> {
    if (!existsSync(controlPath)) return false;
    const check = await this.deps.runner.run(
      this.deps.sshPath,
      [...beforeDestination, '-o', `ControlPath=${controlPath}`, '-O', 'check', '--', destination],
      { env: this.deps.env, timeoutMs: MASTER_CHECK_TIMEOUT_MS },
    );
    if (check.code === 0) return true;
    try {
      unlinkSync(controlPath);
    } catch {
      // Already gone: the master exited between the check and now.
    }
    return false;
  }

  /** Calls back when a control socket appears or disappears (a master connected or went away). */
  watch(onChange: () => void): () => void {
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(this.dir, () => onChange());
    } catch {
      return () => undefined;
    }
    return () => watcher?.close();
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
