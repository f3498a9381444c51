import { SessionEnding, type ConnectionStatus, type SessionInfo } from '../../src-preload/api';
import type { Clock, Logger } from '../ports';
import type { ConnectionSharing } from '../ssh/connectionSharing';
import type { TmuxSessionRecord } from '../tmux/sessionListParser';
import type { TmuxServer } from '../tmux/tmuxServer';
import { deadlineAt, parseStoredDeadline } from './connectDeadline';
import { nextStep } from './endingPolicy';
import { ExitStatusWait, processExists } from './exitStatusWait';
import type { ReconnectPolicy } from './reconnectPolicy';
import { replayCommand, screenToReplay, storedArgv } from './screenReplay';
import { afterLastSeam, seamLine } from './seamLine';
import { classifyEnding } from './sessionEnding';

interface PendingRetry {
  attempt: number;
  nextAt?: number;
  timer?: { cancel(): void };
}

/** How many lines at the bottom of a dead pane hold ssh's last words (a changed host key takes ~20). */
const EXIT_REASON_LINES = 40;
/**
 * tmux does not always fire pane-died for a process that exits within milliseconds of starting
 * (an ssh refused at once), so while any session is still connecting, look again this often.
 */
const SETTLING_CHECK_MS = 1_000;
/** Lines a reconnect carries into the new window when no scrollback setting is given. */
const REPLAY_LINES = 10_000;

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
      /** How many lines of a dropped session (history and screen) a reconnect carries over: the scrollback. */
      replayLines?: () => number;
      /** Wraps each respawn of a pane, e.g. to let go of the views watching it meanwhile. */
      aroundRespawn?: (sessionId: string, respawn: () => Promise<void>) => Promise<void>;
      /** After ssh was started again in a pane (e.g. to resume its log). */
      onRespawned?: (record: TmuxSessionRecord) => Promise<void>;
      /** Called after any status change so listeners can refresh. */
      onChange: () => void;
      logger: Logger;
      /** Whether a process exists (a zombie not yet reaped by tmux counts). Default: kill(pid, 0). */
      processExists?: (pid: number) => boolean;
      /** Ends a pane's process group (ssh and its ProxyJump children). Default: SIGTERM to -pid. */
      killProcessGroup?: (pid: number) => void;
    },
  ) {
    this.exitStatus = new ExitStatusWait({
      clock: deps.clock,
      logger: deps.logger,
      processExists: deps.processExists ?? processExists,
      nudgeServer: () => deps.tmux.signalServer('SIGCHLD'),
    });
  }

  /** Dead panes waiting for the exit status tmux records. */
  private readonly exitStatus: ExitStatusWait;

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
    this.answering.delete(record.name);
    await this.deps.tmux.setOptions(record.name, { gaveUp: undefined });
    const command = await this.replayingCommand(record);
    await this.setStatus(record.name, 'connecting', undefined);
    // A new window rather than respawn-pane: tmux 3.3a keeps a respawned pane's output offsets, and a
    // control client attached to it then loses the new program's first output or crashes the server.
    const respawn = (): Promise<void> =>
      command ? this.deps.tmux.replaceWindow(record.name, command) : this.deps.tmux.respawnPane(record.name);
    await (this.deps.aroundRespawn ? this.deps.aroundRespawn(record.name, respawn) : respawn());
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

  /**
   * ssh asks the user (a password, a passphrase): the connect deadline stops for this attempt, or it
   * would end the attempt while they type.
   */
  suspendDeadline(sessionId: string): void {
    this.answering.add(sessionId);
  }

  forget(sessionId: string): void {
    this.answering.delete(sessionId);
    this.authNotes.delete(sessionId);
    this.exitStatus.forget(sessionId);
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
  private readonly authNotes = new Map<string, string>();
  /** Sessions whose death could not be handled yet (see reconcileRecord). */
  private readonly unhandledDeaths = new Set<string>();

  /** Attempts waiting for the user's answer to ssh's question: no deadline for them. */
  private readonly answering = new Set<string>();
  private scheduleSettlingCheck(records: readonly TmuxSessionRecord[]): void {
    const settling = records.some(
      (r) =>
        (!r.paneDead && r.options.status === 'connecting') ||
        this.exitStatus.has(r.name) ||
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

  /**
   * The session's command behind a replay of its last screen and a seam line, or undefined to rerun it
   * as it was (no argv stored, or remote mode: the host's tmux keeps the shell and redraws it).
   */
  private async replayingCommand(record: TmuxSessionRecord): Promise<string[] | undefined> {
    const argv = storedArgv(record.options.argv);
    if (!argv) return undefined;
    // Remote mode: the host's tmux keeps the shell and redraws it, nothing to replay.
    if (record.options.mode === 'remote') return argv;
    const lostAt = parseEnding(record.options.ending)?.at ?? record.paneDeadAt ?? this.deps.clock.now();
    const seam = seamLine(lostAt, this.deps.clock.now());
    try {
      // The new window starts empty: its history is what this prints (the terminal's worth), then the seam.
      const screen = screenToReplay(
        await this.deps.tmux.capturePane(record.name, {
          history: true,
          escapes: true,
          wholePane: this.deps.replayLines?.() ?? REPLAY_LINES,
        }),
      );
      const file =
        screen && this.deps.saveScreen ? await this.deps.saveScreen(record.name, screen) : undefined;
      return replayCommand(file, seam, argv);
    } catch (error) {
      this.deps.logger.warn('could not keep the screen for a reconnect', {
        session: record.name,
        error: String(error),
      });
      return replayCommand(undefined, seam, argv);
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
      // tmux marks a pane dead when its pty closes, a moment (under load, seconds) before it reaps the
      // process and records its status: judge only with the status, or once it is known to be lost.
      if (this.exitStatus.awaiting(record)) {
        await this.exitStatus.nudge(record.name);
        return false;
      }
      const deathId = `${record.panePid ?? ''}@${record.paneDeadAt ?? ''}`;
      if (this.handledDeaths.get(record.name) === deathId) return false;
      this.handledDeaths.set(record.name, deathId);
      // Judged before (maybe by an earlier run of the app): the user has been told already. A drop is
      // judged again, so retries resume after a restart.
      const judged = parseEnding(record.options.ending);
      if (judged && judged.kind !== 'dropped' && record.options.judgedDeath === deathId) return false;
      try {
        await this.handleDeath(record, deathId);
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
      this.answering.delete(record.name);
      const now = this.deps.clock.now();
      // Connected before: this is a new login, and the shell the user had (sudo -i, a venv) is gone.
      const again = record.options.connectedAt !== undefined;
      await this.setStatus(record.name, 'connected', undefined, {
        connectedAt: now,
        ...(again ? { reconnectedAt: now } : {}),
      });
      return true;
    }
    return this.enforceDeadline(record);
  }

  /**
   * A connection attempt past its deadline is stopped: the pane's ssh (and its jump-host children) is
   * ended, not the tmux session, so the pane keeps its screen and ssh's words; the death that follows is
   * judged "gave up" (not retried) because of the mark set first.
   */
  private async enforceDeadline(record: TmuxSessionRecord): Promise<boolean> {
    const { options } = record;
    const deadline = parseStoredDeadline(options.deadline);
    const since = Number(options.statusSince);
    // Without a shared master's socket, connected cannot be told from connecting: no deadline then.
    if (options.status !== 'connecting' || options.gaveUp || !options.controlPath) return false;
    if (this.answering.has(record.name)) return false;
    if (!deadline || !Number.isFinite(since)) return false;
    if (this.deps.clock.now() < deadlineAt(since, deadline) || record.panePid === undefined) return false;
    this.deps.logger.info('connect deadline passed', { session: record.name, seconds: deadline.seconds });
    await this.deps.tmux.setOptions(record.name, { gaveUp: String(this.deps.clock.now()) });
    (this.deps.killProcessGroup ?? killProcessGroup)(record.panePid);
    return false;
  }

  private masterIsUp(record: TmuxSessionRecord): boolean {
    const controlPath = record.options.controlPath;
    return controlPath !== undefined && this.deps.sharing.hasSocket(controlPath);
  }

  private async handleDeath(record: TmuxSessionRecord, deathId: string): Promise<void> {
    const captured = await this.deps.tmux.capturePane(record.name, {
      history: false,
      escapes: false,
      lastLines: EXIT_REASON_LINES,
    });
    const tail = afterLastSeam(captured);
    const deadline = parseStoredDeadline(record.options.deadline);
    const verdict = classifyEnding({
      exit: {
        ...(record.paneDeadStatus !== undefined ? { status: record.paneDeadStatus } : {}),
        ...(record.paneDeadSignal !== undefined ? { signal: record.paneDeadSignal } : {}),
      },
      tail,
      everConnected: record.options.connectedAt !== undefined || this.masterIsUp(record),
      ...(record.options.gaveUp && deadline ? { gaveUpAt: deadline } : {}),
    });
    const authNote = this.authNotes.get(record.name);
    const step = nextStep(verdict, {
      keepClosedPanes: this.deps.keepClosedPanes(),
      policy: this.deps.policy(),
      attemptsSoFar: this.retries.get(record.name)?.attempt ?? 0,
      tail,
      ...(deadline ? { deadline } : {}),
      ...(authNote ? { authNote } : {}),
    });
    this.deps.logger.info('session ended', {
      session: record.name,
      kind: verdict.kind,
      cause: verdict.cause,
      status: record.paneDeadStatus,
      signal: record.paneDeadSignal,
      action: step.action,
    });
    const ending = JSON.stringify({ ...verdict, at: this.deps.clock.now() } satisfies SessionEnding);

    if (step.action === 'close') {
      this.forget(record.name);
      await this.deps.tmux.killSession(record.name);
      return;
    }
    if (step.action === 'keep') {
      this.retries.get(record.name)?.timer?.cancel();
      this.retries.delete(record.name);
      this.authNotes.delete(record.name);
      await this.setStatus(record.name, step.status, step.reason, { ending, judgedDeath: deathId });
      return;
    }
    const retry: PendingRetry = { attempt: step.attempt, nextAt: this.deps.clock.now() + step.delayMs };
    retry.timer = this.deps.clock.setTimeout(() => {
      void this.reconnectNow(record, { resetAttempts: false }).catch((error: unknown) =>
        this.deps.logger.warn('reconnect failed', { session: record.name, error: String(error) }),
      );
    }, step.delayMs);
    this.retries.set(record.name, retry);
    await this.setStatus(record.name, 'disconnected', step.reason, { ending });
  }

  private async setStatus(
    name: string,
    status: ConnectionStatus,
    reason: string | undefined,
    extra: { connectedAt?: number; reconnectedAt?: number; ending?: string; judgedDeath?: string } = {},
  ): Promise<void> {
    await this.deps.tmux.setOptions(name, {
      status,
      reason,
      statusSince: String(this.deps.clock.now()),
      ...(extra.connectedAt !== undefined ? { connectedAt: String(extra.connectedAt) } : {}),
      ...(extra.reconnectedAt !== undefined ? { reconnectedAt: String(extra.reconnectedAt) } : {}),
      ...(extra.ending !== undefined ? { ending: extra.ending } : {}),
      ...(extra.judgedDeath !== undefined ? { judgedDeath: extra.judgedDeath } : {}),
    });
  }
}

/** The stored ending of a session, or undefined when absent or not one. */
export function parseEnding(value: string | undefined): SessionEnding | undefined {
  if (!value) return undefined;
  try {
    const parsed = SessionEnding.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** tmux starts each pane's program as a session leader: its pid is its process group. */
function killProcessGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // Already gone: the attempt ended by itself at the same moment.
  }
}
