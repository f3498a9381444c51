import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { appendFile, mkdir, rm, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Logs stop growing here unless the user chose otherwise: a runaway `yes` must not fill the disk. */
export const DEFAULT_LOG_CAP_BYTES = 50 * 1024 * 1024;

/** A file name part from a host label (inventory data): letters, digits, dot, dash, underscore only. */
export function safeFileName(label: string): string {
  const cleaned = label.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return (cleaned || 'host').slice(0, 64);
}

/** Single-quotes a string for /bin/sh: the only shell string Muxdeck builds, from its own paths. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function logFileName(sessionId: string, startedAt: Date): string {
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `${stamp}-${sessionId}.log`;
}

/**
 * Session logging (opt-in per host or folder): tmux copies everything the pane prints into a
 * timestamped file under logs/<host>/, with a `latest.log` link to the newest, capped in size.
 */
export class SessionLogs {
  /** Log files being written, by file: the session that writes them. */
  private readonly watched = new Map<string, string>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: {
      dir: string;
      /** Read at every check, so a changed setting applies to running logs. */
      capBytes?: () => number;
      /** Runs `tmux pipe-pane -t <session> <shell command>` (in place of the pane's drain pipe). */
      pipePane: (sessionId: string, shellCommand: string) => Promise<void>;
      /** Ends a session's log: its pane goes back to the drain pipe (see DRAIN_PIPE_COMMAND). */
      stopPipe: (sessionId: string) => Promise<void>;
    },
  ) {}

  /** Starts (or, for a respawned pane, resumes) logging; returns the file. */
  async start(sessionId: string, label: string, existingFile?: string, now = new Date()): Promise<string> {
    const hostDir = join(this.deps.dir, safeFileName(label));
    const file = existingFile ?? join(hostDir, logFileName(sessionId, now));
    await mkdir(hostDir, { recursive: true, mode: 0o700 });
    if (!existingFile) {
      const latest = join(hostDir, 'latest.log');
      await rm(latest, { force: true });
      await symlink(file, latest).catch(() => undefined);
    }
    // cat, because it writes at once: head -c buffers into files, and mawk buffers pipe input.
    // The cap is enforced by watchCaps instead.
    this.watched.set(file, sessionId);
    await this.deps.pipePane(sessionId, `exec cat >> ${shellQuote(file)}`);
    return file;
  }

  /**
   * Stops a log at its cap: checks sizes when files under the logs folder change (debounced),
   * so a flood overshoots by at most about a second of output.
   */
  watchCaps(): void {
    mkdirSync(this.deps.dir, { recursive: true, mode: 0o700 });
    this.watcher = watch(
      this.deps.dir,
      { recursive: process.platform !== 'linux' || nodeWatchesRecursively() },
      () => {
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          void this.enforceCaps();
        }, CAP_CHECK_MS);
      },
    );
  }

  async enforceCaps(): Promise<void> {
    const cap = this.deps.capBytes?.() ?? DEFAULT_LOG_CAP_BYTES;
    for (const [file, sessionId] of this.watched) {
      const size = (await stat(file).catch(() => undefined))?.size ?? 0;
      if (size < cap) continue;
      this.watched.delete(file);
      await this.deps.stopPipe(sessionId).catch(() => undefined);
      await appendFile(file, `\n[Muxdeck: log stopped at ${cap} bytes]\n`).catch(() => undefined);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
  }
}

const CAP_CHECK_MS = 1_000;

/** Node >= 20 watches directories recursively on Linux too. */
function nodeWatchesRecursively(): boolean {
  return Number.parseInt(process.versions.node.split('.')[0] ?? '0', 10) >= 20;
}
