import type { ConnectDeadline, SessionEnding, SessionInfo } from '../../src-preload/api';
import type { Clock, Logger, PtyProcess, PtySpawner } from '../ports';
import { deadlineAt } from './connectDeadline';
import { nextStep } from './endingPolicy';
import { plainText } from './plainText';
import type { ReconnectPolicy } from './reconnectPolicy';
import type { SessionBackend, SessionSpec } from './sessionBackend';
import { classifyEnding } from './sessionEnding';
import { afterLastSeam, seamLine } from './seamLine';

/** What a reattaching terminal is shown of a direct session's past: its last output, bounded. */
const REPLAY_MAX_CHARS = 1_000_000;
/** How much of the output's end holds ssh's last words. */
const TAIL_CHARS = 8_000;

interface DirectSession {
  spec: SessionSpec;
  createdAt: number;
  pty: PtyProcess;
  replay: string;
  size: { cols: number; rows: number };
  exit?: { status?: number; signal?: number };
  status: SessionInfo['status'];
  reason?: string;
  statusSince: number;
  connectedAt?: number;
  reconnectedAt?: number;
  ending?: SessionEnding;
  /** Set when Muxdeck stopped the attempt at its deadline. */
  gaveUp?: ConnectDeadline;
  retry?: { attempt: number; nextAt?: number; timer?: { cancel(): void } };
  deadlineTimer?: { cancel(): void };
  readonly listeners: Set<(data: string) => void>;
  readonly exitListeners: Set<(code: number) => void>;
}

/** A view of a direct session's pty for one terminal: detaching leaves the ssh running. */
export interface DirectAttachment {
  pty: PtyProcess;
  replay: string;
}

/**
 * `direct` persistence: ssh runs under node-pty in Muxdeck itself, with no tmux (Windows, or no tmux
 * installed). Such a session lives as long as the app; everything else is as for tmux sessions: the
 * same status, endings (sessionEnding.ts), retries of drops with backoff, keep closed panes, connect
 * deadline and seam line, from the same pure code.
 */
export class DirectSessions implements SessionBackend {
  private readonly sessions = new Map<string, DirectSession>();

  constructor(
    private readonly deps: {
      spawner: PtySpawner;
      env: NodeJS.ProcessEnv;
      cwd: string;
      clock: Clock;
      hasControlSocket: (path: string) => boolean;
      policy: () => ReconnectPolicy;
      keepClosedPanes: () => boolean;
      onChange: () => void;
      logger?: Logger;
    },
  ) {}

  has(id: string): Promise<boolean> {
    return Promise.resolve(this.sessions.has(id));
  }

  open(spec: SessionSpec): Promise<void> {
    const now = this.deps.clock.now();
    const session: DirectSession = {
      spec,
      createdAt: now,
      pty: this.spawn(spec, { cols: spec.cols, rows: spec.rows }),
      replay: '',
      size: { cols: spec.cols, rows: spec.rows },
      status: 'connecting',
      statusSince: now,
      listeners: new Set(),
      exitListeners: new Set(),
    };
    this.sessions.set(spec.id, session);
    this.wire(session);
    return Promise.resolve();
  }

  list(): Promise<SessionInfo[]> {
    return Promise.resolve([...this.sessions.values()].map((s) => this.info(s)));
  }

  /** One session as the UI sees it; noticing on the way a master that came up since the last look. */
  private info(s: DirectSession): SessionInfo {
    this.noticeConnection(s);
    return {
      id: s.spec.id,
      hostId: s.spec.hostId,
      label: s.spec.label,
      createdAt: s.createdAt,
      state: s.exit ? 'exited' : 'running',
      ...(s.exit?.status !== undefined ? { exitStatus: s.exit.status } : {}),
      attachedClients: s.listeners.size,
      mode: 'direct',
      status: s.status,
      ...(s.reason ? { reason: s.reason } : {}),
      statusSince: s.statusSince,
      ...(s.connectedAt ? { connectedAt: s.connectedAt } : {}),
      ...(s.reconnectedAt ? { reconnectedAt: s.reconnectedAt } : {}),
      ...(s.ending ? { ending: s.ending } : {}),
      connectDeadline: s.spec.deadline,
      ...(s.retry
        ? {
            reconnect: {
              attempt: s.retry.attempt,
              maxAttempts: this.deps.policy().maxAttempts,
              ...(s.retry.nextAt ? { nextAt: s.retry.nextAt } : {}),
            },
          }
        : {}),
    };
  }

  /** Keep this signature: TerminalService attaches a terminal to a direct session's pty through it. */
  attach(
    id: string,
    onData: (data: string) => void,
    onExit: (code: number) => void,
  ): DirectAttachment | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    session.listeners.add(onData);
    session.exitListeners.add(onExit);
    const detach = (): void => {
      session.listeners.delete(onData);
      session.exitListeners.delete(onExit);
    };
    const pty: PtyProcess = {
      get pid() {
        return session.pty.pid;
      },
      onData: () => undefined,
      onExit: () => undefined,
      // A kept pane's ssh has ended: its pty is closed, so keystrokes and sizes wait for a reconnect.
      write: (data) => {
        if (!session.exit) session.pty.write(data);
      },
      resize: (cols, rows) => {
        session.size = { cols, rows };
        if (!session.exit) session.pty.resize(cols, rows);
      },
      pause: () => session.pty.pause(),
      resume: () => session.pty.resume(),
      kill: detach,
    };
    return { pty, replay: session.replay };
  }

  /** ssh asks the user (a password, a passphrase): no deadline for this attempt while they answer. */
  suspendDeadline(id: string): void {
    this.sessions.get(id)?.deadlineTimer?.cancel();
  }

  /** Starts ssh again in the same session now (the user asked): a fresh count of retries. */
  reconnect(id: string): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session) return Promise.resolve(false);
    if (session.exit) {
      session.retry?.timer?.cancel();
      delete session.retry;
      this.restart(session);
    }
    return Promise.resolve(true);
  }

  close(id: string): Promise<boolean> {
    return Promise.resolve(this.closeNow(id));
  }

  private closeNow(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    session.retry?.timer?.cancel();
    session.deadlineTimer?.cancel();
    if (!session.exit) session.pty.kill();
    for (const listener of session.exitListeners) listener(0);
    this.deps.onChange();
    return true;
  }

  dispose(): void {
    for (const session of this.sessions.values()) {
      session.retry?.timer?.cancel();
      session.deadlineTimer?.cancel();
      if (!session.exit) session.pty.kill();
    }
    this.sessions.clear();
  }

  /** The shared master's socket appeared: connected (again, if it was before: a new login). */
  private noticeConnection(session: DirectSession): boolean {
    const path = session.spec.controlPath;
    if (session.status !== 'connecting' || session.exit || !path || !this.deps.hasControlSocket(path))
      return false;
    const now = this.deps.clock.now();
    if (session.connectedAt !== undefined) session.reconnectedAt = now;
    session.status = 'connected';
    session.connectedAt = session.statusSince = now;
    delete session.reason;
    delete session.retry;
    session.deadlineTimer?.cancel();
    return true;
  }

  /** ssh again in the same session: a seam line in its output, then a new ssh, a new deadline. */
  private restart(session: DirectSession): void {
    const now = this.deps.clock.now();
    this.print(session, `\r\n\x1b[2m${seamLine(session.ending?.at ?? now, now)}\x1b[0m\r\n`);
    delete session.exit;
    delete session.reason;
    delete session.gaveUp;
    session.status = 'connecting';
    session.statusSince = now;
    session.pty = this.spawn(session.spec, session.size);
    this.wire(session);
    this.deps.onChange();
  }

  private print(session: DirectSession, data: string): void {
    session.replay = (session.replay + data).slice(-REPLAY_MAX_CHARS);
    for (const listener of session.listeners) listener(data);
  }

  private spawn(spec: SessionSpec, size: { cols: number; rows: number }): PtyProcess {
    const [file, ...args] = spec.argv;
    return this.deps.spawner.spawn(file ?? 'ssh', args, {
      cols: size.cols,
      rows: size.rows,
      cwd: this.deps.cwd,
      env: { ...this.deps.env, ...spec.environment },
      termName: 'xterm-256color',
    });
  }

  private wire(session: DirectSession): void {
    const pty = session.pty;
    this.armDeadline(session);
    pty.onData((data) => {
      if (pty === session.pty) this.print(session, data);
    });
    pty.onExit(({ exitCode, signal }) => {
      if (pty !== session.pty) return;
      session.deadlineTimer?.cancel();
      // A master that came up before anyone listed the sessions still means this session connected.
      this.noticeConnection(session);
      // node-pty reports the exit as waitpid does: a status, or the signal that ended it.
      session.exit = signal ? { signal } : { status: exitCode };
      this.judge(session);
    });
  }

  /**
   * Gives up an attempt still connecting at its deadline (only where connecting can be told from
   * connected: a shared master's socket). The session and its output stay; the ending says why.
   */
  private armDeadline(session: DirectSession): void {
    session.deadlineTimer?.cancel();
    if (!session.spec.controlPath) return;
    const pty = session.pty;
    const wait = deadlineAt(session.statusSince, session.spec.deadline) - this.deps.clock.now();
    session.deadlineTimer = this.deps.clock.setTimeout(
      () => {
        if (pty !== session.pty || session.exit || this.noticeConnection(session)) return;
        if (session.status !== 'connecting') return;
        session.gaveUp = session.spec.deadline;
        pty.kill('SIGTERM');
      },
      Math.max(0, wait),
    );
  }

  private judge(session: DirectSession): void {
    const tail = afterLastSeam(plainText(session.replay.slice(-TAIL_CHARS)));
    const verdict = classifyEnding({
      exit: session.exit ?? {},
      tail,
      everConnected: session.connectedAt !== undefined,
      ...(session.gaveUp ? { gaveUpAt: session.gaveUp } : {}),
    });
    const step = nextStep(verdict, {
      keepClosedPanes: this.deps.keepClosedPanes(),
      policy: this.deps.policy(),
      attemptsSoFar: session.retry?.attempt ?? 0,
      tail,
      deadline: session.spec.deadline,
    });
    this.deps.logger?.info('session ended', {
      session: session.spec.id,
      kind: verdict.kind,
      action: step.action,
    });
    if (step.action === 'close') {
      this.closeNow(session.spec.id);
      return;
    }
    session.ending = { ...verdict, at: this.deps.clock.now() };
    session.status = step.status;
    session.reason = step.reason;
    session.statusSince = this.deps.clock.now();
    if (step.action === 'keep') {
      delete session.retry;
    } else {
      const retry: NonNullable<DirectSession['retry']> = {
        attempt: step.attempt,
        nextAt: this.deps.clock.now() + step.delayMs,
      };
      retry.timer = this.deps.clock.setTimeout(() => {
        delete retry.nextAt;
        if (this.sessions.get(session.spec.id) === session && session.exit) this.restart(session);
      }, step.delayMs);
      session.retry = retry;
    }
    this.deps.onChange();
  }
}
