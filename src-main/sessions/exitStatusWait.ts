import type { Clock, Logger } from '../ports';
import type { TmuxSessionRecord } from '../tmux/sessionListParser';

/**
 * tmux records a pane's exit status when it reaps the process, which can come well after it marked the
 * pane dead (the pty closed first) on a loaded machine. Judging without the status is what once closed
 * the tabs of failed connections, so Muxdeck waits for it as long as the process is still there (not yet
 * reaped), and at most this long: a status still missing then is an unknown ending, never a clean exit.
 */
const EXIT_STATUS_MAX_WAIT_MS = 30_000;
/** How long a missing exit status may be tmux's ordinary delay before Muxdeck nudges it (see nudge). */
const NUDGE_REAPER_AFTER_MS = 1_000;

/** Waiting, per dead pane, for the exit status tmux records; and knowing when it will never come. */
export class ExitStatusWait {
  /** Dead panes whose exit status tmux has not reported yet, and since when. */
  private readonly pendingSince = new Map<string, number>();
  /** Dead panes whose process was seen gone (reaped) while tmux had no status for it. */
  private readonly reapedWithoutStatus = new Set<string>();
  private lastNudge = 0;

  constructor(
    private readonly deps: {
      clock: Clock;
      logger: Logger;
      /** Whether a process exists (a zombie not yet reaped by tmux counts). */
      processExists: (pid: number) => boolean;
      /** Sends SIGCHLD to the tmux server. */
      nudgeServer: () => Promise<void>;
    },
  ) {}

  /** True while the pane's status may still come; false once it is here or known to be lost. */
  awaiting(record: TmuxSessionRecord): boolean {
    if (record.paneDeadStatus !== undefined || record.paneDeadSignal !== undefined) {
      this.forget(record.name);
      return false;
    }
    const since = this.pendingSince.get(record.name) ?? this.deps.clock.now();
    this.pendingSince.set(record.name, since);
    const waited = this.deps.clock.now() - since;
    if (record.panePid !== undefined && this.deps.processExists(record.panePid)) {
      this.reapedWithoutStatus.delete(record.name);
      if (waited < EXIT_STATUS_MAX_WAIT_MS) return true;
    } else if (!this.reapedWithoutStatus.has(record.name) && waited < EXIT_STATUS_MAX_WAIT_MS) {
      // Gone now, but this listing may predate the reaping: look once more before deciding it was lost.
      this.reapedWithoutStatus.add(record.name);
      return true;
    }
    this.forget(record.name);
    return false;
  }

  has(sessionId: string): boolean {
    return this.pendingSince.has(sessionId);
  }

  /**
   * Seen under load: tmux misses the SIGCHLD of a pane's process, which then stays a zombie with its
   * status uncollected until some other child of tmux dies. A SIGCHLD sent to the tmux server makes it
   * reap (waitpid) and record the status as usual; harmless when there is nothing to reap.
   */
  async nudge(sessionId: string): Promise<void> {
    const since = this.pendingSince.get(sessionId);
    const now = this.deps.clock.now();
    if (since === undefined || now - since < NUDGE_REAPER_AFTER_MS) return;
    if (now - this.lastNudge < NUDGE_REAPER_AFTER_MS) return;
    this.lastNudge = now;
    this.deps.logger.info('exit status still missing: asking tmux to reap', { session: sessionId });
    await this.deps.nudgeServer().catch(() => undefined);
  }

  forget(sessionId: string): void {
    this.pendingSince.delete(sessionId);
    this.reapedWithoutStatus.delete(sessionId);
  }
}

/** kill(pid, 0): a zombie still exists; EPERM means it exists but is not ours. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
