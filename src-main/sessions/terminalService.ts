import { randomBytes } from 'node:crypto';
import { ApiError } from '../common/apiError';
import type { Clock, PtyProcess, PtySpawner } from '../ports';
import type { DirectSessions } from './directSessions';
import { attachSessionArgv } from '../tmux/tmuxArgv';
import { tmuxEnvironment } from '../tmux/tmuxEnvironment';
import type { TmuxServer } from '../tmux/tmuxServer';
import { FlowController } from './flowController';
import { OutputBatcher } from './outputBatcher';
import { prefillData } from './scrollbackPrefill';

/** Where a terminal's output goes: the transport client that attached it. */
export interface TerminalSink {
  data(terminalId: string, data: string): void;
  exit(terminalId: string, exitCode: number): void;
}

interface AttachedTerminal {
  pty: PtyProcess;
  batcher: OutputBatcher;
  flow: FlowController;
  sessionId: string;
  closed: boolean;
}

/**
 * A terminal is a tmux client, under a pty, attached to one session. Detaching
 * or killing it leaves the session running; only sessions:close ends a session.
 */
export class TerminalService {
  private readonly terminals = new Map<string, AttachedTerminal>();

  constructor(
    private readonly deps: {
      spawner: PtySpawner;
      tmux: TmuxServer;
      env: NodeJS.ProcessEnv;
      cwd: string;
      clock: Clock;
      /** Called when a client ends on its own (session killed or exited), so listeners can refresh. */
      onClientEnded?: (sessionId: string) => void;
      /** Sessions without tmux (direct mode): attached to their own pty instead of a tmux client. */
      direct?: DirectSessions;
    },
  ) {}

  async attach(sessionId: string, size: { cols: number; rows: number }, sink: TerminalSink): Promise<string> {
    const terminalId = `t-${randomBytes(8).toString('hex')}`;
    // The source's output arrives through these until the terminal exists to take it.
    const early: string[] = [];
    let onData = (data: string): void => void early.push(data);
    let onExit = (_code: number): void => undefined;
    const forwardData = (data: string): void => onData(data);
    const forwardExit = (code: number): void => onExit(code);

    const direct = this.deps.direct?.attach(sessionId, forwardData, forwardExit);
    let pty: PtyProcess;
    let prefill: string;
    if (direct) {
      pty = direct.pty;
      prefill = direct.replay;
      pty.resize(size.cols, size.rows);
    } else {
      const history = await this.deps.tmux
        .capturePane(sessionId, { history: true, escapes: true })
        .catch(() => '');
      pty = this.deps.spawner.spawn(
        this.deps.tmux.tmuxPath,
        attachSessionArgv(this.deps.tmux.address, sessionId),
        {
          cols: size.cols,
          rows: size.rows,
          cwd: this.deps.cwd,
          env: tmuxEnvironment(this.deps.env),
          termName: 'xterm-256color',
        },
      );
      // History first, then the client's screen (node-pty emits asynchronously, after this).
      prefill = prefillData(history, size.rows);
      pty.onData(forwardData);
      pty.onExit(({ exitCode }) => forwardExit(exitCode));
    }

    const flow = new FlowController(pty);
    const batcher = new OutputBatcher(this.deps.clock, (data) => {
      flow.sent(data.length);
      sink.data(terminalId, data);
    });
    const terminal: AttachedTerminal = { pty, batcher, flow, sessionId, closed: false };
    this.terminals.set(terminalId, terminal);
    if (prefill) batcher.push(prefill);
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
    return terminalId;
  }

  input(terminalId: string, data: string): void {
    // Keystrokes go straight to the pty: never queued behind output.
    this.get(terminalId).pty.write(data);
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
      else terminal.pty.write(data);
    }
    return missed;
  }

  resize(terminalId: string, size: { cols: number; rows: number }): void {
    this.get(terminalId).pty.resize(size.cols, size.rows);
  }

  ack(terminalId: string, chars: number): void {
    this.terminals.get(terminalId)?.flow.acknowledged(chars);
  }

  /** Ends the tmux client only; the session keeps running in tmux. */
  detach(terminalId: string): void {
    const terminal = this.terminals.get(terminalId);
    if (!terminal) return;
    terminal.closed = true;
    terminal.batcher.dispose();
    this.terminals.delete(terminalId);
    terminal.pty.kill();
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
