import type { Clock } from '../ports';
import type { SessionInfo } from '../../src-preload/api';
import { parseEnding } from '../sessions/sessionHealth';
import type { TmuxSessionRecord } from '../tmux/sessionListParser';
import { sendKeysCommands, setOptionCommand } from '../tmux/tmuxArgv';
import type { TmuxServer } from '../tmux/tmuxServer';
import { AgentError } from './agentError';
import { CommandRun } from './commandRun';
import { commandProblem, markedCommandLine, newNonce, readyLine, readyMarker } from './execMarkers';
import type { KeyPart } from './keyNames';
import { PaneCapture } from './paneCapture';
import { redactCommandSecrets, redactPrivateKeys } from './redaction';
import { screenHints, type ScreenHint } from './screenHints';

/** A session as list_sessions shows it to an agent. */
export interface AgentSessionView {
  id: string;
  name: string;
  host: string;
  hostId: string;
  status: string;
  owner: 'agent' | 'human';
  shared: boolean;
  last_activity: string;
}

export interface ExecOutcome {
  exit_code: number | null;
  output: string;
  still_running: boolean;
  truncated: boolean;
}

export interface Snapshot {
  text: string;
  cursor: { x: number; y: number };
  hints: ScreenHint[];
}

/** Progress while a tool waits on a command: seconds elapsed, for MCP progress notifications. */
export type ProgressReport = (elapsedSeconds: number, message: string) => void;

export const SESSION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PANE_SIZE = { cols: 160, rows: 48 };
/** Sessions one agent process may hold at once: an agent in a loop must not exhaust the machine. */
export const MAX_AGENT_SESSIONS = 50;
/** How long the shell may take to answer the ready line once ssh is connected. */
const SHELL_READY_MS = 15_000;
/** Literal text per send-keys argument, and per tmux call (a tmux command message holds ~16 KB). */
const TYPE_CHUNK = 1000;
const TYPE_CHUNKS_PER_CALL = 8;
/** Keys that interrupt the running command (SIGINT, SIGQUIT), and how long it may take to end. */
const INTERRUPT_KEYS = /^C-[c\\]$/;
const INTERRUPT_GRACE_MS = 1_500;

interface SessionState {
  run?: { run: CommandRun; capture: PaneCapture };
  lastExitCode?: number;
  lastActivity?: number;
  /** The pane process whose shell got the ready line; a reconnect starts a new one. */
  readyPid?: number;
  /** Serializes reads of the capture file, so two waits never hand out the same bytes twice. */
  pumping: Promise<void>;
}

/**
 * An agent's sessions: ordinary Muxdeck tmux sessions (the human sees each as a tab), marked as this
 * agent's by tmux options. Commands run in the session's own shell between markers (execMarkers.ts) and
 * their output is read from the pane's pipe, never from the screen. Nothing here blocks: each wait
 * polls its own file, so a long command in one session delays no call on another.
 */
export class AgentSessions {
  private readonly states = new Map<string, SessionState>();
  private readonly reservedNames = new Set<string>();

  constructor(
    private readonly deps: {
      tmux: TmuxServer;
      sessions: {
        open(
          hostId: string,
          size: { cols: number; rows: number },
          extra: { agent: AgentOwnerSpec },
        ): Promise<SessionInfo>;
        close(sessionId: string): Promise<boolean>;
      };
      clock: Clock;
      /** Private directory for the pane captures (MUXDECK_HOME/agents). */
      captureDir: string;
      /** This process's id: an agent sees the sessions it opened, and the ones the human shared. */
      agentId: string;
      /** The app's connect deadline setting, in ms. */
      connectTimeoutMs: () => number;
      sleep?: (ms: number) => Promise<void>;
      /** Tells a running app that the agent's sessions or what it does in them changed (its tab, its line). */
      onActivity?: () => void;
    },
  ) {}

  private activity(): void {
    this.deps.onActivity?.();
  }

  async list(): Promise<AgentSessionView[]> {
    const records = await this.deps.tmux.listSessions();
    return records.filter((r) => this.isVisible(r)).map((r) => this.view(r));
  }

  /** The session an agent names, by id or name, among those it may see; an error for anything else. */
  async resolve(session: string): Promise<AgentSessionView> {
    return (await this.find(session)).view;
  }

  private async find(session: string): Promise<{ view: AgentSessionView; record: TmuxSessionRecord }> {
    const records = (await this.deps.tmux.listSessions()).filter((r) => this.isVisible(r));
    const record =
      records.find((r) => r.name === session) ?? records.find((r) => this.view(r).name === session);
    if (!record)
      throw new AgentError(
        'UNKNOWN_SESSION',
        `No session ${JSON.stringify(session.slice(0, 100))}: an agent sees only the sessions it opened (list_sessions) or the human shared.`,
      );
    return { view: this.view(record), record };
  }

  async open(opts: {
    hostId: string;
    label: string;
    name?: string;
    client: string;
  }): Promise<AgentSessionView> {
    const name = await this.claimName(opts.name, opts.label);
    try {
      const info = await this.deps.sessions.open(opts.hostId, PANE_SIZE, {
        agent: { client: opts.client, agentId: this.deps.agentId, name },
      });
      this.activity();
      try {
        await this.waitConnected(info.id, opts.label);
        await this.waitShell(info.id, opts.label);
      } catch (error) {
        await this.deps.sessions.close(info.id).catch(() => undefined);
        this.activity();
        throw error;
      }
      const { view, record } = await this.find(info.id);
      const state = this.state(info.id);
      state.lastActivity = this.deps.clock.now();
      state.readyPid = record.panePid;
      return view;
    } finally {
      this.reservedNames.delete(name);
    }
  }

  async exec(
    session: string,
    command: string,
    timeoutMs: number,
    progress?: ProgressReport,
    signal?: AbortSignal,
  ): Promise<ExecOutcome> {
    const problem = commandProblem(command);
    if (problem) throw new AgentError('INVALID_INPUT', `Nothing was run: ${problem}.`);
    const { view, record } = await this.find(session);
    const state = this.state(view.id);
    // A command that ended (interrupted) without an agent reading its last output: its capture goes.
    if (state.run?.run.finished) await this.finish(view.id, state);
    if (state.run && !state.run.run.finished)
      throw new AgentError(
        'BUSY',
        `Session ${view.name} is still running \`${state.run.run.command.slice(0, 80)}\`: read_output for the rest, or send_keys ["C-c"] to stop it.`,
      );
    const pane = await this.deps.tmux.paneState(view.id);
    if (!pane || pane.dead)
      throw new AgentError(
        'SESSION_ENDED',
        `Session ${view.name} has ended (its ssh exited): close it and open another.`,
      );
    if (pane.alternate)
      throw new AgentError(
        'BUSY',
        `A full-screen program is running in session ${view.name} (see snapshot): quit it with send_keys first.`,
      );
    if (view.owner === 'agent' && state.readyPid !== record.panePid) {
      // Reconnected since (a new ssh, a new shell): history off again before the first command.
      if (record.options.status !== 'connected')
        throw new AgentError(
          'SESSION_ENDED',
          `Session ${view.name} is reconnecting (${view.status}): try again shortly.`,
        );
      await this.waitShell(view.id, view.host);
      state.readyPid = record.panePid;
    }
    const nonce = newNonce();
    const { capture, start } = await PaneCapture.prepare(this.deps.tmux, view.id, this.deps.captureDir);
    const run = new CommandRun(nonce, command, this.deps.clock.now());
    state.run = { run, capture };
    state.lastActivity = this.deps.clock.now();
    try {
      // The pipe, the line under the tab and the typed command in one tmux call: each call costs ms.
      await this.type(view.id, markedCommandLine(command, nonce), [
        start,
        setOptionCommand(view.id, 'agentActivity', `exec \`${redactCommandSecrets(command).slice(0, 200)}\``),
      ]);
    } catch (error) {
      await this.finish(view.id, state);
      throw error;
    }
    this.activity();
    return this.wait(view.id, state, timeoutMs, progress, signal);
  }

  async readOutput(
    session: string,
    waitMs: number,
    progress?: ProgressReport,
    signal?: AbortSignal,
  ): Promise<ExecOutcome> {
    const view = await this.resolve(session);
    const state = this.state(view.id);
    state.lastActivity = this.deps.clock.now();
    if (!state.run)
      return { exit_code: state.lastExitCode ?? null, output: '', still_running: false, truncated: false };
    return this.wait(view.id, state, waitMs, progress, signal);
  }

  async sendKeys(session: string, parts: readonly KeyPart[]): Promise<AgentSessionView> {
    const view = await this.resolve(session);
    const state = this.state(view.id);
    state.lastActivity = this.deps.clock.now();
    await this.deps.tmux.sendKeys(view.id, parts);
    const current = state.run?.run;
    if (current && !current.finished && parts.some((p) => !p.literal && INTERRUPT_KEYS.test(p.text))) {
      // An interrupted command line is abandoned by the shell, end marker included: give it a moment
      // to end by itself (a program that handles the signal), else call the command interrupted.
      const until = this.deps.clock.now() + INTERRUPT_GRACE_MS;
      while (!current.finished && this.deps.clock.now() < until) {
        await this.pump(state);
        if (!current.finished) await this.sleep(20);
      }
      current.endWithPane(130);
    }
    return view;
  }

  async snapshot(session: string, lines?: number): Promise<Snapshot & { session: AgentSessionView }> {
    const view = await this.resolve(session);
    const pane = await this.deps.tmux.paneState(view.id);
    if (!pane) throw new AgentError('UNKNOWN_SESSION', `Session ${view.name} is gone.`);
    const screen = await this.deps.tmux.capturePane(view.id, { history: false, escapes: false });
    const screenLines = withoutFinalNewline(screen).split('\n');
    const text =
      lines === undefined
        ? screen
        : await this.deps.tmux.capturePane(view.id, { history: false, escapes: false, lastLines: lines });
    return {
      session: view,
      text: redactPrivateKeys(withoutFinalNewline(text).replace(/\s+$/, '')).text,
      cursor: { x: pane.cursorX, y: pane.cursorY },
      hints: screenHints({
        lines: screenLines,
        cursorY: pane.cursorY,
        alternate: pane.alternate,
        dead: pane.dead,
      }),
    };
  }

  async close(session: string): Promise<AgentSessionView> {
    const view = await this.resolve(session);
    if (view.owner !== 'agent')
      throw new AgentError(
        'NOT_YOURS',
        `Session ${view.name} is the human's (shared with agents): only they close it.`,
      );
    const state = this.states.get(view.id);
    if (state?.run) await state.run.capture.stop();
    this.states.delete(view.id);
    await this.deps.sessions.close(view.id);
    this.activity();
    return view;
  }

  /** Ends the captures of running commands (the commands themselves keep running in their sessions). */
  async dispose(): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.run?.capture.stop() ?? Promise.resolve()));
    this.states.clear();
  }

  private async wait(
    sessionId: string,
    state: SessionState,
    timeoutMs: number,
    progress?: ProgressReport,
    signal?: AbortSignal,
  ): Promise<ExecOutcome> {
    const current = state.run;
    if (!current)
      return { exit_code: state.lastExitCode ?? null, output: '', still_running: false, truncated: false };
    const { run } = current;
    const start = this.deps.clock.now();
    let interval = 5;
    let lastPaneCheck = start;
    let lastProgress = start;
    for (;;) {
      await this.pump(state);
      if (run.finished) break;
      const now = this.deps.clock.now();
      if (now - start >= timeoutMs || signal?.aborted) break;
      if (now - lastPaneCheck >= 1000) {
        lastPaneCheck = now;
        const record = (await this.deps.tmux.listSessions()).find((r) => r.name === sessionId);
        if (!record || record.paneDead) {
          await this.pump(state);
          run.endWithPane(record?.paneDeadStatus);
          break;
        }
      }
      if (progress && now - lastProgress >= 1000) {
        lastProgress = now;
        const elapsed = Math.round((now - run.startedAt) / 1000);
        progress(elapsed, `still running after ${elapsed} s`);
      }
      await this.sleep(Math.min(interval, Math.max(1, start + timeoutMs - now)));
      // Quick commands answer in milliseconds: look often at first, then back off.
      if (now - start > 250) interval = Math.min(interval * 2, 50);
    }
    const piece = run.take();
    if (piece.finished) {
      state.lastExitCode = piece.exitCode;
      await this.finish(sessionId, state);
    }
    return {
      exit_code: piece.finished ? (piece.exitCode ?? null) : null,
      output: piece.output,
      still_running: !piece.finished,
      truncated: piece.truncated,
    };
  }

  private pump(state: SessionState): Promise<void> {
    state.pumping = state.pumping.then(async () => {
      const current = state.run;
      if (!current) return;
      for (;;) {
        const chunk = await current.capture.readMore().catch(() => Buffer.alloc(0));
        if (chunk.length === 0) return;
        current.run.feed(chunk);
        if (current.run.finished) return;
      }
    });
    return state.pumping;
  }

  private async finish(sessionId: string, state: SessionState): Promise<void> {
    const current = state.run;
    state.run = undefined;
    await this.deps.tmux
      .chain([
        ...(current ? [current.capture.stopCommand] : []),
        setOptionCommand(sessionId, 'agentActivity', undefined),
      ])
      .catch(() => undefined);
    this.activity();
    await current?.capture.remove();
  }

  private async waitConnected(sessionId: string, label: string): Promise<void> {
    const deadline = this.deps.clock.now() + this.deps.connectTimeoutMs() + 5_000;
    for (;;) {
      const record = (await this.deps.tmux.listSessions()).find((r) => r.name === sessionId);
      if (!record) throw new AgentError('CONNECT_FAILED', `The session for ${label} ended at once.`);
      // Without a shared connection there is no socket to tell "connected": the ready line decides.
      if (record.options.status === 'connected' || !record.options.controlPath) return;
      const failed =
        record.paneDead || record.options.status === 'error' || record.options.status === 'disconnected';
      if (failed || this.deps.clock.now() > deadline)
        throw new AgentError('CONNECT_FAILED', await this.failureMessage(sessionId, label, record, failed));
      await this.sleep(50);
    }
  }

  private async waitShell(sessionId: string, label: string): Promise<void> {
    const nonce = newNonce();
    const marker = Buffer.from(readyMarker(nonce), 'latin1');
    const capture = await PaneCapture.start(this.deps.tmux, sessionId, this.deps.captureDir);
    try {
      await this.type(sessionId, readyLine(nonce));
      const deadline = this.deps.clock.now() + SHELL_READY_MS;
      let seen = Buffer.alloc(0);
      for (;;) {
        seen = Buffer.concat([seen, await capture.readMore()]).subarray(-64 * 1024);
        if (seen.indexOf(marker) >= 0) return;
        const record = (await this.deps.tmux.listSessions()).find((r) => r.name === sessionId);
        const dead = !record || record.paneDead;
        if (dead || this.deps.clock.now() > deadline)
          throw new AgentError(
            'CONNECT_FAILED',
            await this.failureMessage(sessionId, label, record, dead, 'the remote shell did not answer'),
          );
        await this.sleep(20);
      }
    } finally {
      await capture.stop();
    }
  }

  /**
   * ssh's own words: the line Muxdeck's health judged the ending by (it may need a moment after the pane
   * died), else the last lines the pane shows, else the session's reason.
   */
  private async failureMessage(
    sessionId: string,
    label: string,
    record: TmuxSessionRecord | undefined,
    failed: boolean,
    fallback = 'timed out waiting for the connection',
  ): Promise<string> {
    const screen = await this.deps.tmux
      .capturePane(sessionId, { history: false, escapes: false })
      .catch(() => '');
    let judged = record;
    const until = this.deps.clock.now() + (failed ? 3_000 : 0);
    while (judged && !judged.options.ending && this.deps.clock.now() < until) {
      await this.sleep(50);
      judged = (await this.deps.tmux.listSessions()).find((r) => r.name === sessionId);
    }
    const ending = parseEnding(judged?.options.ending);
    const lastLines = screen
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !/^Pane is dead/.test(line))
      .slice(-4)
      .join(' / ');
    const words =
      ending?.message || lastLines || judged?.options.reason || (failed ? 'ssh exited' : fallback);
    return `Could not open a session on ${label}: ${redactPrivateKeys(words).text}${failed ? '' : ` (${fallback})`}`;
  }

  /** Types a line and Enter, in as few tmux calls as fit (before: commands to send with the first one). */
  private async type(sessionId: string, line: string, before: string[][] = []): Promise<void> {
    const chunks: string[] = [];
    for (let i = 0; i < line.length; i += TYPE_CHUNK) chunks.push(line.slice(i, i + TYPE_CHUNK));
    for (let i = 0; i < chunks.length; i += TYPE_CHUNKS_PER_CALL) {
      const parts: KeyPart[] = chunks
        .slice(i, i + TYPE_CHUNKS_PER_CALL)
        .map((text) => ({ literal: true, text }));
      if (i + TYPE_CHUNKS_PER_CALL >= chunks.length) parts.push({ literal: false, text: 'Enter' });
      await this.deps.tmux.chain([...(i === 0 ? before : []), ...sendKeysCommands(sessionId, parts)]);
    }
  }

  private async claimName(wanted: string | undefined, label: string): Promise<string> {
    const visible = await this.list();
    const mine = visible.filter((s) => s.owner === 'agent').length + this.reservedNames.size;
    if (mine >= MAX_AGENT_SESSIONS)
      throw new AgentError(
        'INVALID_INPUT',
        `This agent already has ${MAX_AGENT_SESSIONS} sessions open: close some (close_session) first.`,
      );
    const taken = new Set([...visible.flatMap((s) => [s.name, s.id]), ...this.reservedNames]);
    if (wanted !== undefined) {
      if (!SESSION_NAME.test(wanted))
        throw new AgentError(
          'INVALID_INPUT',
          'A session name is 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit.',
        );
      if (taken.has(wanted)) throw new AgentError('INVALID_INPUT', `A session is already called ${wanted}.`);
      this.reservedNames.add(wanted);
      return wanted;
    }
    const base =
      label
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .slice(0, 56) || 'session';
    let name = base;
    for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}`;
    this.reservedNames.add(name);
    return name;
  }

  private isVisible(record: TmuxSessionRecord): boolean {
    if (record.options.hostId === undefined) return false;
    const mine = record.options.owner === 'agent' && record.options.agentId === this.deps.agentId;
    return mine || record.options.sharedWithAgents === '1';
  }

  private view(record: TmuxSessionRecord): AgentSessionView {
    const mine = record.options.owner === 'agent' && record.options.agentId === this.deps.agentId;
    const state = this.states.get(record.name);
    const status = record.paneDead
      ? 'exited'
      : state?.run && !state.run.run.finished
        ? 'busy'
        : (record.options.status ?? 'connecting');
    return {
      id: record.name,
      name: (mine ? record.options.agentName : undefined) ?? record.name,
      host: record.options.label ?? record.options.hostId ?? '',
      hostId: record.options.hostId ?? '',
      status,
      owner: mine ? 'agent' : 'human',
      shared: record.options.sharedWithAgents === '1',
      last_activity: new Date(state?.lastActivity ?? record.createdAt).toISOString(),
    };
  }

  private state(sessionId: string): SessionState {
    let state = this.states.get(sessionId);
    if (!state) {
      state = { pumping: Promise.resolve() };
      this.states.set(sessionId, state);
    }
    return state;
  }

  private sleep(ms: number): Promise<void> {
    return this.deps.sleep ? this.deps.sleep(ms) : new Promise((resolve) => setTimeout(resolve, ms));
  }
}

export interface AgentOwnerSpec {
  client: string;
  agentId: string;
  name: string;
}

function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
