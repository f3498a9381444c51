import type { SessionInfo } from '../../src-preload/api';
import type { Clock, PtyProcess, PtySpawner } from '../ports';
import { classifyExit } from './exitClassifier';

/** What a reattaching terminal is shown of a direct session's past: its last output, bounded. */
const REPLAY_MAX_CHARS = 1_000_000;

interface DirectSession {
  id: string;
  hostId: string;
  label: string;
  createdAt: number;
  argv: readonly string[];
  controlPath?: string;
  environment: Readonly<Record<string, string>>;
  pty: PtyProcess;
  replay: string;
  size: { cols: number; rows: number };
  exit?: { status?: number; signal?: number };
  status: SessionInfo['status'];
  reason?: string;
  statusSince: number;
  connectedAt?: number;
  readonly listeners: Set<(data: string) => void>;
  readonly exitListeners: Set<(code: number) => void>;
}

/** A view of a direct session's pty for one terminal: detaching leaves the ssh running. */
export interface DirectAttachment {
  pty: PtyProcess;
  replay: string;
}

/**
 * `direct` persistence: ssh runs under node-pty in Muxdeck itself, with no tmux (Windows, or no
 * tmux installed). Such a session lives as long as the app; everything else (status, shared
 * connections, reasons) works as for tmux sessions.
 */
export class DirectSessions {
  private readonly sessions = new Map<string, DirectSession>();

  constructor(
    private readonly deps: {
      spawner: PtySpawner;
      env: NodeJS.ProcessEnv;
      cwd: string;
      clock: Clock;
      hasControlSocket: (path: string) => boolean;
      onChange: () => void;
    },
  ) {}

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  open(opts: {
    id: string;
    hostId: string;
    label: string;
    argv: readonly string[];
    controlPath?: string;
    /** Extra variables for this ssh (askpass wiring); never secrets. */
    environment?: Readonly<Record<string, string>>;
    cols: number;
    rows: number;
  }): void {
    const now = this.deps.clock.now();
    const session: DirectSession = {
      id: opts.id,
      hostId: opts.hostId,
      label: opts.label,
      createdAt: now,
      argv: opts.argv,
      ...(opts.controlPath ? { controlPath: opts.controlPath } : {}),
      environment: opts.environment ?? {},
      pty: this.spawn(opts.argv, opts, opts.environment ?? {}),
      replay: '',
      size: { cols: opts.cols, rows: opts.rows },
      status: 'connecting',
      statusSince: now,
      listeners: new Set(),
      exitListeners: new Set(),
    };
    this.sessions.set(session.id, session);
    this.wire(session);
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => {
      if (
        s.status === 'connecting' &&
        !s.exit &&
        s.controlPath &&
        this.deps.hasControlSocket(s.controlPath)
      ) {
        s.status = 'connected';
        s.connectedAt = s.statusSince = this.deps.clock.now();
      }
      return {
        id: s.id,
        hostId: s.hostId,
        label: s.label,
        createdAt: s.createdAt,
        state: s.exit ? 'exited' : 'running',
        ...(s.exit?.status !== undefined ? { exitStatus: s.exit.status } : {}),
        attachedClients: s.listeners.size,
        mode: 'direct',
        status: s.status,
        ...(s.reason ? { reason: s.reason } : {}),
        statusSince: s.statusSince,
        ...(s.connectedAt ? { connectedAt: s.connectedAt } : {}),
      };
    });
  }

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
      write: (data) => session.pty.write(data),
      resize: (cols, rows) => {
        session.size = { cols, rows };
        session.pty.resize(cols, rows);
      },
      pause: () => session.pty.pause(),
      resume: () => session.pty.resume(),
      kill: detach,
    };
    return { pty, replay: session.replay };
  }

  /** Starts ssh again in the same session; the terminal keeps what it showed. */
  reconnect(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session || !session.exit) return false;
    delete session.exit;
    delete session.reason;
    session.status = 'connecting';
    session.statusSince = this.deps.clock.now();
    session.pty = this.spawn(session.argv, session.size, session.environment);
    this.wire(session);
    this.deps.onChange();
    return true;
  }

  close(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    if (!session.exit) session.pty.kill();
    for (const listener of session.exitListeners) listener(0);
    this.deps.onChange();
    return true;
  }

  dispose(): void {
    for (const session of this.sessions.values()) if (!session.exit) session.pty.kill();
    this.sessions.clear();
  }

  private spawn(
    argv: readonly string[],
    size: { cols: number; rows: number },
    environment: Readonly<Record<string, string>>,
  ): PtyProcess {
    const [file, ...args] = argv;
    return this.deps.spawner.spawn(file ?? 'ssh', args, {
      cols: size.cols,
      rows: size.rows,
      cwd: this.deps.cwd,
      env: { ...this.deps.env, ...environment },
      termName: 'xterm-256color',
    });
  }

  private wire(session: DirectSession): void {
    const pty = session.pty;
    pty.onData((data) => {
      session.replay = (session.replay + data).slice(-REPLAY_MAX_CHARS);
      for (const listener of session.listeners) listener(data);
    });
    pty.onExit(({ exitCode, signal }) => {
      if (pty !== session.pty) return;
      session.exit = { status: exitCode, ...(signal ? { signal } : {}) };
      const verdict = classifyExit(session.exit, session.replay.slice(-4_000));
      if (verdict.kind === 'finished') {
        this.close(session.id);
        return;
      }
      session.status = verdict.kind === 'network' ? 'disconnected' : 'error';
      session.reason = verdict.reason;
      session.statusSince = this.deps.clock.now();
      this.deps.onChange();
    });
  }
}
