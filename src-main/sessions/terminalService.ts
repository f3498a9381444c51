import { randomBytes } from 'node:crypto';
import { ApiError } from '../common/apiError';
import type { Clock, PipeSpawner } from '../ports';
import type { TerminalConnection } from '../tmux/control/controlTerminal';
import {
  renewableControlTerminal,
  type RenewableTerminalConnection,
} from '../tmux/control/renewableControlTerminal';
import type { TmuxServer } from '../tmux/tmuxServer';
import type { DirectSessions } from './directSessions';
import { FlowController } from './flowController';
import { OutputBatcher } from './outputBatcher';

/** Where a terminal's output goes: the transport client that attached it. */
export interface TerminalSink {
  data(terminalId: string, data: string): void;
  exit(terminalId: string, exitCode: number): void;
}

interface AttachedTerminal {
  /** A tmux view's connection can release and renew its control client; a direct one cannot. */
  connection: TerminalConnection & Partial<RenewableTerminalConnection>;
  batcher: OutputBatcher;
  flow: FlowController;
  sessionId: string;
  closed: boolean;
}

/** How long a reconnect waits for tmux to drop the views it released (another app may hold one). */
const RELEASE_WAIT_MS = 3_000;

/** xterm.js's scrollback when no setting says otherwise. */
export const DEFAULT_SCROLLBACK_LINES = 10_000;

/**
 * A terminal is a view of one session: a tmux control-mode client for tmux sessions (every byte the
 * program writes reaches the terminal), or the session's own pty in direct mode. Detaching leaves the
 * session running; only sessions:close ends a session.
 */
export class TerminalService {
  private readonly terminals = new Map<string, AttachedTerminal>();

  constructor(
    private readonly deps: {
      /** Starts tmux control-mode clients. */
      controlSpawner: PipeSpawner;
      tmux: TmuxServer;
      env: NodeJS.ProcessEnv;
      cwd: string;
      clock: Clock;
      /** The terminal's scrollback in lines (a setting): how much history an attach restores. */
      scrollbackLines?: () => number;
      /** Called when a client ends on its own (session killed or exited), so listeners can refresh. */
      onClientEnded?: (sessionId: string) => void;
      /** Sessions without tmux (direct mode): attached to their own pty instead of a tmux client. */
      direct?: DirectSessions;
    },
  ) {}

  attach(sessionId: string, size: { cols: number; rows: number }, sink: TerminalSink): Promise<string> {
    const terminalId = `t-${randomBytes(8).toString('hex')}`;
    // The source's output arrives through these until the terminal exists to take it.
    const early: string[] = [];
    let onData = (data: string): void => void early.push(data);
    let onExit = (_code: number): void => undefined;
    const forwardData = (data: string): void => onData(data);
    const forwardExit = (code: number): void => onExit(code);

    const direct = this.deps.direct?.attach(sessionId, forwardData, forwardExit);
    let connection: AttachedTerminal['connection'];
    if (direct) {
      const pty = direct.pty;
      connection = {
        write: (data) => pty.write(data),
        resize: (cols, rows) => pty.resize(cols, rows),
        pause: () => pty.pause(),
        resume: () => pty.resume(),
        close: () => pty.kill(),
      };
      connection.resize(size.cols, size.rows);
      if (direct.replay) early.unshift(direct.replay);
    } else {
      connection = renewableControlTerminal({
        spawner: this.deps.controlSpawner,
        tmux: this.deps.tmux,
        env: this.deps.env,
        cwd: this.deps.cwd,
        sessionId,
        size,
        scrollbackLines: () => this.deps.scrollbackLines?.() ?? DEFAULT_SCROLLBACK_LINES,
        onData: forwardData,
        onExit: forwardExit,
      });
    }

    const flow = new FlowController(connection);
    const batcher = new OutputBatcher(this.deps.clock, (data) => {
      flow.sent(data.length);
      sink.data(terminalId, data);
    });
    const terminal: AttachedTerminal = { connection, batcher, flow, sessionId, closed: false };
    this.terminals.set(terminalId, terminal);
    for (const data of early) batcher.push(data);
    onData = (data) => batcher.push(data);
    onExit = (exitCode) => {
      batcher.flush();
      batcher.dispose();
      this.terminals.delete(terminalId);
      const wasDetachedByUs = terminal.closed;
      terminal.closed = true;
      sink.exit(terminalId, exitCode);
      if (!wasDetachedByUs) this.deps.onClientEnded?.(sessionId);
    };
    return Promise.resolve(terminalId);
  }

  input(terminalId: string, data: string): void {
    // Keystrokes go straight to the session: never queued behind output.
    this.get(terminalId).connection.write(data);
  }

  /**
   * The fan-out of broadcast: the same bytes to each terminal, in the order given, synchronously, so no
   * later input can overtake it on any of them. Ids that are not attached are skipped and returned.
   */
  broadcast(terminalIds: readonly string[], data: string, owned: (terminalId: string) => boolean): string[] {
    const missed: string[] = [];
    for (const terminalId of terminalIds) {
      const terminal = this.terminals.get(terminalId);
      if (!terminal || terminal.closed || !owned(terminalId)) missed.push(terminalId);
      else terminal.connection.write(data);
    }
    return missed;
  }

  resize(terminalId: string, size: { cols: number; rows: number }): void {
    this.get(terminalId).connection.resize(size.cols, size.rows);
  }

  /**
   * tmux 3.3a must not have control clients attached while a session's window is replaced on reconnect
   * (a pane respawned under one lost output or crashed the server: docs/architecture.md). So the
   * session's views let go of their control clients, and wait until tmux has dropped them; resumeViews
   * then gives each a new one, which restores the new window. Keys typed meanwhile are lost, output is not.
   */
  async releaseViews(sessionId: string): Promise<void> {
    const waits: Array<Promise<void>> = [];
    for (const terminal of this.viewsOf(sessionId)) {
      if (terminal.connection.release && !terminal.connection.released)
        waits.push(terminal.connection.release());
    }
    await Promise.all(waits);
    // A client's process can be gone before the server has noticed: wait until tmux counts none.
    const deadline = this.deps.clock.now() + RELEASE_WAIT_MS;
    while (
      waits.length > 0 &&
      (await this.deps.tmux.listClients(sessionId).catch(() => [])).some((client) => client.control) &&
      this.deps.clock.now() < deadline
    ) {
      await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, 20));
    }
  }

  /** After the window was replaced: every view released by releaseViews takes a new control client. */
  resumeViews(sessionId: string): void {
    for (const terminal of this.viewsOf(sessionId)) terminal.connection.renew?.();
  }

  private viewsOf(sessionId: string): AttachedTerminal[] {
    return [...this.terminals.values()].filter((t) => t.sessionId === sessionId && !t.closed);
  }

  ack(terminalId: string, chars: number): void {
    this.terminals.get(terminalId)?.flow.acknowledged(chars);
  }

  /** Ends this view only; the session keeps running. */
  detach(terminalId: string): void {
    const terminal = this.terminals.get(terminalId);
    if (!terminal) return;
    terminal.closed = true;
    terminal.batcher.dispose();
    this.terminals.delete(terminalId);
    terminal.connection.close();
  }

  has(terminalId: string): boolean {
    return this.terminals.has(terminalId);
  }

  get count(): number {
    return this.terminals.size;
  }

  dispose(): void {
    for (const id of [...this.terminals.keys()]) this.detach(id);
  }

  private get(terminalId: string): AttachedTerminal {
    const terminal = this.terminals.get(terminalId);
    if (!terminal) throw new ApiError('NOT_FOUND', `Terminal ${terminalId} is not attached.`);
    return terminal;
  }
}
