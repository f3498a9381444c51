import type { ConnectionStatus, SessionInfo } from '../../src-preload/api';
import type { Clock, Logger } from '../ports';
import type { ConnectionSharing } from '../ssh/connectionSharing';
import type { TmuxSessionRecord } from '../tmux/sessionListParser';
import type { TmuxServer } from '../tmux/tmuxServer';
import { classifyExit } from './exitClassifier';
import { reconnectDelay, type ReconnectPolicy } from './reconnectPolicy';
import { replayCommand, screenToReplay, storedArgv } from './screenReplay';

interface PendingRetry {
  attempt: number;
  nextAt?: number;
  timer?: { cancel(): void };
}

/** How many lines at the bottom of a dead pane hold ssh's last words. */
const EXIT_REASON_LINES = 15;
/**
 * tmux does not always fire pane-died for a process that exits within milliseconds of starting
 * (an ssh refused at once), so while any session is still connecting, look again this often.
 */
const SETTLING_CHECK_MS = 1_000;
/** How long to wait for tmux to report a dead pane's exit status before judging without it. */
const EXIT_STATUS_WAIT_MS = 2_000;

/**
 * The connection status of every session, and what follows from it: a dropped connection
 * is retried with backoff, a finished session is closed, a failure only the user can fix
 * is reported and left alone. Status lives in tmux options, so it survives the app.
 */
export class SessionHealth {
  private readonly retries = new Map<string, PendingRetry>();
  /** Deaths already handled, by session: the pid of the process that died (a respawn gets a new one). */
  private readonly handledDeaths = new Map<string, string>();
  private reconciling: Promise<void> | undefined;
  private again = false;
  private settlingCheck: { cancel(): void } | undefined;

  constructor(
    private readonly deps: {
      tmux: TmuxServer;
      sharing: ConnectionSharing;
      clock: Clock;
      policy: () => ReconnectPolicy;
      /** The user's "keep closed panes": a finished session stays as a dead pane instead of closing. */
      keepClosedPanes: () => boolean;
      /**
       * Keeps a screen to print again when the pane restarts (screenReplay.ts); answers the file, or
       * undefined when it cannot (the pane then restarts with a blank screen, as tmux does).
       */
      saveScreen?: (sessionId: string, screen: string) => Promise<string | undefined>;
      /** After ssh was started again in a pane (e.g. to resume its log). */
      onRespawned?: (record: TmuxSessionRecord) => Promise<void>;
      /** Called after any status change so listeners can refresh. */
      onChange: () => void;
      logger: Logger;
    },
  ) {}

  /** Compares what tmux says with what Muxdeck knows, and acts on the difference. Safe to call often. */
  reconcile(): Promise<void> {
    if (this.reconciling) {
      this.again = true;
      return this.reconciling;
    }
    this.reconciling = this.reconcileOnce().finally(() => {
      this.reconciling = undefined;
      if (this.again && !this.disposed) {
        this.again = false;
        void this.reconcile().catch((error: unknown) =>
          this.deps.logger.warn('session health check failed', { error: String(error) }),
        );
      }
    });
    return this.reconciling;
  }

  reconnectInfo(sessionId: string): SessionInfo['reconnect'] {
    const retry = this.retries.get(sessionId);
    if (!retry) return undefined;
    return {
      attempt: retry.attempt,
      maxAttempts: this.deps.policy().maxAttempts,
      ...(retry.nextAt ? { nextAt: retry.nextAt } : {}),
    };
  }

  /** Starts ssh again in the same pane now, whatever the retry schedule says. */
  async reconnectNow(record: TmuxSessionRecord, opts: { resetAttempts: boolean }): Promise<void> {
    const retry = this.retries.get(record.name);
    retry?.timer?.cancel();
    if (opts.resetAttempts) this.retries.delete(record.name);
    else if (retry) delete retry.nextAt;
    const controlPath = record.options.controlPath;
    if (controlPath)
      await this.deps.sharing.ensureUsable(controlPath, 'muxdeck-check', []).catch(() => false);
    await this.setStatus(record.name, 'connecting', undefined);
    await this.deps.tmux.respawnPane(record.name, await this.replayingCommand(record));
    await this.deps.onRespawned?.(record);
    this.deps.onChange();
    // A respawned ssh that fails at once may die without a pane-died event: look again soon.
    void this.reconcile().catch((error: unknown) =>
      this.deps.logger.warn('session health check failed', { error: String(error) }),
    );
  }

  /** Something knows better than ssh's words why authentication failed (a rejected saved secret). */
  noteAuthFailure(sessionId: string, reason: string): void {
    this.authNotes.set(sessionId, reason);
  }

  forget(sessionId: string): void {
    this.authNotes.delete(sessionId);
    this.statusPendingSince.delete(sessionId);
    this.retries.get(sessionId)?.timer?.cancel();
    this.retries.delete(sessionId);
    this.handledDeaths.delete(sessionId);
    this.unhandledDeaths.delete(sessionId);
  }

  dispose(): void {
    for (const retry of this.retries.values()) retry.timer?.cancel();
    this.retries.clear();
    this.settlingCheck?.cancel();
    this.settlingCheck = undefined;
    this.disposed = true;
  }

  private disposed = false;
  /** Dead panes whose exit status tmux has not reported yet, and since when. */
  private readonly statusPendingSince = new Map<string, number>();
  private readonly authNotes = new Map<string, string>();
  /** Sessions whose death could not be handled yet (see reconcileRecord). */
  private readonly unhandledDeaths = new Set<string>();

  private awaitingExitStatus(record: TmuxSessionRecord): boolean {
    if (record.paneDeadStatus !== undefined || record.paneDeadSignal !== undefined) {
      this.statusPendingSince.delete(record.name);
      return false;
    }
    const since = this.statusPendingSince.get(record.name) ?? this.deps.clock.now();
    this.statusPendingSince.set(record.name, since);
    if (this.deps.clock.now() - since < EXIT_STATUS_WAIT_MS) return true;
    this.statusPendingSince.delete(record.name);
    return false;
  }

  private scheduleSettlingCheck(records: readonly TmuxSessionRecord[]): void {
    const settling = records.some(
      (r) =>
        (!r.paneDead && r.options.status === 'connecting') ||
        this.statusPendingSince.has(r.name) ||
        this.unhandledDeaths.has(r.name),
    );
    if (!settling || this.settlingCheck || this.disposed) return;
    this.settlingCheck = this.deps.clock.setTimeout(() => {
      this.settlingCheck = undefined;
      void this.reconcile().catch((error: unknown) =>
        this.deps.logger.warn('session health check failed', { error: String(error) }),
      );
    }, SETTLING_CHECK_MS);
  }

  /** The session's command behind a replay of its last screen, or undefined to rerun it as it was. */
  private async replayingCommand(record: TmuxSessionRecord): Promise<string[] | undefined> {
    // In remote mode the host's tmux redraws the whole screen on reattach: nothing to keep.
    if (record.options.mode === 'remote') return undefined;
    const argv = storedArgv(record.options.argv);
    if (!argv || !this.deps.saveScreen) return undefined;
    try {
      const screen = screenToReplay(
        await this.deps.tmux.capturePane(record.name, { history: false, escapes: true }),
      );
      const file = screen ? await this.deps.saveScreen(record.name, screen) : undefined;
      return file ? replayCommand(file, argv) : argv;
    } catch (error) {
      this.deps.logger.warn('could not keep the screen for a reconnect', {
        session: record.name,
        error: String(error),
      });
      return argv;
    }
  }

  private async reconcileOnce(): Promise<void> {
    const records = (await this.deps.tmux.listSessions()).filter((r) => r.options.hostId !== undefined);
    let changed = false;
    for (const record of records) {
      // One session's trouble (a tmux call timing out under load) must not hold up the others; a death left
      // unhandled keeps its "connecting" status, which brings the settling check back to it.
      try {
        if (await this.reconcileRecord(record)) changed = true;
      } catch (error) {
        this.deps.logger.warn('session health check failed', { session: record.name, error: String(error) });
      }
    }
    const alive = new Set(records.map((r) => r.name));
    for (const name of this.retries.keys()) if (!alive.has(name)) this.forget(name);
    this.scheduleSettlingCheck(await this.deps.tmux.listSessions());
    if (changed) this.deps.onChange();
  }

  /** Acts on one session's state; true when its status changed. */
  private async reconcileRecord(record: TmuxSessionRecord): Promise<boolean> {
    if (record.paneDead) {
      // tmux marks a pane dead when its pty closes, a moment before it reaps the process (and
      // sometimes never records the status): wait briefly for it, then judge by ssh's words.
      if (this.awaitingExitStatus(record)) return false;
      const deathId = `${record.panePid ?? ''}@${record.paneDeadAt ?? ''}`;
      if (this.handledDeaths.get(record.name) === deathId) return false;
      this.handledDeaths.set(record.name, deathId);
      // Reported before (maybe by an earlier run of the app): the user has been told already.
      if (record.options.status === 'error') return false;
      try {
        await this.handleDeath(record);
      } catch (error) {
        // Handling failed half-way (a tmux call timed out under load): the settling check tries again.
        this.handledDeaths.delete(record.name);
        this.unhandledDeaths.add(record.name);
        throw error;
      }
      this.unhandledDeaths.delete(record.name);
      return true;
    }
    if (record.options.status !== 'connected' && this.masterIsUp(record)) {
      this.retries.get(record.name)?.timer?.cancel();
      this.retries.delete(record.name);
      this.authNotes.delete(record.name);
      await this.setStatus(record.name, 'connected', undefined, { connectedAt: this.deps.clock.now() });
      return true;
    }
    return false;
  }

  private masterIsUp(record: TmuxSessionRecord): boolean {
    const controlPath = record.options.controlPath;
    return controlPath !== undefined && this.deps.sharing.hasSocket(controlPath);
  }

  private async handleDeath(record: TmuxSessionRecord): Promise<void> {
    const tail = await this.deps.tmux.capturePane(record.name, {
      history: false,
      escapes: false,
      lastLines: EXIT_REASON_LINES,
    });
    const exit = classifyExit({ status: record.paneDeadStatus, signal: record.paneDeadSignal }, tail);
    this.deps.logger.info('session ended', {
      session: record.name,
      kind: exit.kind,
      status: record.paneDeadStatus,
    });

    if (exit.kind === 'finished') {
      this.forget(record.name);
      if (this.deps.keepClosedPanes()) await this.setStatus(record.name, 'disconnected', exit.reason);
      else await this.deps.tmux.killSession(record.name);
      return;
    }
    if (exit.kind !== 'network') {
      this.retries.get(record.name)?.timer?.cancel();
      this.retries.delete(record.name);
      const note = exit.kind === 'auth' ? this.authNotes.get(record.name) : undefined;
      this.authNotes.delete(record.name);
      const host = record.options.label ?? record.name;
      const reason =
        exit.kind === 'host-key'
          ? `The host key of ${host} changed or could not be verified: check known_hosts before reconnecting`
          : (note ?? exit.reason);
      await this.setStatus(record.name, 'error', reason);
      return;
    }

    const policy = this.deps.policy();
    const attempt = (this.retries.get(record.name)?.attempt ?? 0) + 1;
    if (attempt > policy.maxAttempts) {
      this.retries.delete(record.name);
      const gaveUp = policy.maxAttempts > 0 ? ` (gave up after ${policy.maxAttempts} attempts)` : '';
      await this.setStatus(record.name, 'disconnected', `${exit.reason}${gaveUp}`);
      return;
    }
    const delay = reconnectDelay(policy, attempt);
    const retry: PendingRetry = { attempt, nextAt: this.deps.clock.now() + delay };
    retry.timer = this.deps.clock.setTimeout(() => {
      void this.reconnectNow(record, { resetAttempts: false }).catch((error: unknown) =>
        this.deps.logger.warn('reconnect failed', { session: record.name, error: String(error) }),
      );
    }, delay);
    this.retries.set(record.name, retry);
    await this.setStatus(record.name, 'disconnected', exit.reason);
  }

  private async setStatus(
    name: string,
    status: ConnectionStatus,
    reason: string | undefined,
    extra: { connectedAt?: number } = {},
  ): Promise<void> {
    await this.deps.tmux.setOptions(name, {
      status,
      reason,
      statusSince: String(this.deps.clock.now()),
      ...(extra.connectedAt !== undefined ? { connectedAt: String(extra.connectedAt) } : {}),
    });
  }
}
