import type { CommandRunner } from '../ports';
import { parseSessionList, type TmuxSessionRecord } from './sessionListParser';
import {
  SESSION_OPTIONS,
  capturePaneArgv,
  killSessionArgv,
  listClientsArgv,
  replaceWindowArgv,
  windowIndexArgv,
  takeBufferArgv,
  chainArgv,
  listSessionsArgv,
  paneStateArgv,
  sendKeysArgv,
  newSessionArgv,
  pipePaneArgv,
  respawnPaneArgv,
  serverPidArgv,
  setGlobalEnvironmentArgv,
  setOptionsArgv,
  stopPipePaneArgv,
  type SessionOptionKey,
  type TmuxServerAddress,
} from './tmuxArgv';
import { tmuxEnvironment } from './tmuxEnvironment';

export class TmuxCommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly stderr: string,
    readonly code: number | null,
  ) {
    super(
      `tmux ${argv.find((a) => !a.startsWith('-') && !a.includes('/')) ?? ''} failed: ${stderr.trim() || `exit ${code}`}`,
    );
    this.name = 'TmuxCommandError';
  }
}

/** tmux's answers when there is simply no server (yet) on the socket. */
const NO_SERVER =
  /no server running|error connecting to|No such file or directory|no sessions|server exited unexpectedly/i;

/** Muxdeck's private tmux server, driven through tmux commands on its own socket. */
export class TmuxServer {
  constructor(
    private readonly deps: {
      runner: CommandRunner;
      tmuxPath: string;
      address: TmuxServerAddress;
      env: NodeJS.ProcessEnv;
    },
  ) {}

  get address(): TmuxServerAddress {
    return this.deps.address;
  }

  get tmuxPath(): string {
    return this.deps.tmuxPath;
  }

  async listSessions(): Promise<TmuxSessionRecord[]> {
    const argv = listSessionsArgv(this.deps.address);
    const result = await this.exec(argv, { allowNoServer: true });
    return result === undefined ? [] : parseSessionList(result);
  }

  async newSession(opts: {
    name: string;
    cols: number;
    rows: number;
    cwd: string;
    command: readonly string[];
    options: Partial<Record<SessionOptionKey, string>>;
    environment?: Readonly<Record<string, string>>;
  }): Promise<void> {
    await this.exec(
      newSessionArgv({
        server: this.deps.address,
        name: opts.name,
        cols: opts.cols,
        rows: opts.rows,
        cwd: opts.cwd,
        command: opts.command,
        options: tmuxOptionNames(opts.options),
        ...(opts.environment ? { environment: opts.environment } : {}),
      }),
      { allowNoServer: false },
    );
  }

  /** Sets (or, for undefined values, unsets) Muxdeck's options on a session, in one tmux call. */
  async setOptions(
    name: string,
    options: Partial<Record<SessionOptionKey, string | undefined>>,
  ): Promise<void> {
    if (Object.keys(options).length === 0) return;
    await this.exec(setOptionsArgv(this.deps.address, name, tmuxOptionNames(options)), {
      allowNoServer: true,
    });
  }

  /** Updates the running server's global environment; nothing to do when no server runs yet. */
  async setGlobalEnvironment(vars: Readonly<Record<string, string>>): Promise<void> {
    if (Object.keys(vars).length === 0) return;
    await this.exec(setGlobalEnvironmentArgv(this.deps.address, vars), { allowNoServer: true });
  }

  async pipePane(name: string, shellCommand: string): Promise<void> {
    await this.exec(pipePaneArgv(this.deps.address, name, shellCommand), { allowNoServer: false });
  }

  async stopPipe(name: string): Promise<void> {
    await this.exec(stopPipePaneArgv(this.deps.address, name), { allowNoServer: true });
  }

  /** Sends a signal to the tmux server process itself (see SessionHealth.nudgeReaper); no server, no-op. */
  async signalServer(signal: NodeJS.Signals): Promise<void> {
    const pid = Number.parseInt(
      (await this.exec(serverPidArgv(this.deps.address), { allowNoServer: true })) ?? '',
      10,
    );
    if (Number.isInteger(pid) && pid > 1) process.kill(pid, signal);
  }

  async respawnPane(name: string, command?: readonly string[]): Promise<void> {
    await this.exec(respawnPaneArgv(this.deps.address, name, command), { allowNoServer: false });
  }

  /** A new window (new pane) in place of the session's window, running command; see replaceWindowArgv. */
  async replaceWindow(name: string, command: readonly string[]): Promise<void> {
    const index = Number.parseInt(
      (await this.exec(windowIndexArgv(this.deps.address, name), { allowNoServer: false })) ?? '',
      10,
    );
    if (!Number.isInteger(index))
      throw new TmuxCommandError(windowIndexArgv(this.deps.address, name), '', null);
    await this.exec(replaceWindowArgv(this.deps.address, name, index, command), { allowNoServer: false });
  }

  async capturePane(
    name: string,
    opts: { history: boolean; escapes: boolean; lastLines?: number; wholePane?: number },
  ): Promise<string> {
    return (await this.exec(capturePaneArgv(this.deps.address, name, opts), { allowNoServer: true })) ?? '';
  }

  /** Takes a paste buffer: its text, and it is deleted; '' when there is no such buffer. */
  async takeBuffer(buffer: string): Promise<string> {
    const argv = takeBufferArgv(this.deps.address, buffer);
    const result = await this.deps.runner.run(this.deps.tmuxPath, argv, {
      env: tmuxEnvironment(this.deps.env),
      timeoutMs: 10_000,
    });
    if (result.code === 0) return result.stdout;
    if (/no buffer/i.test(result.stderr)) return '';
    throw new TmuxCommandError(argv, result.stderr, result.code);
  }

  /** Every client attached to the server, or to one session (none when there is no such server or session). */
  async listClients(session?: string): Promise<Array<{ pid: number; control: boolean }>> {
    const out = (await this.exec(listClientsArgv(this.deps.address, session), { allowNoServer: true })) ?? '';
    return out
      .split('\n')
      .map((line) => line.trim().split(' '))
      .filter(([pid]) => pid !== undefined && /^\d+$/.test(pid))
      .map(([pid, control]) => ({ pid: Number(pid), control: control === '1' }));
  }

  /** Types into the session's pane: literal text and validated key names (sendKeysArgv). */
  async sendKeys(name: string, parts: ReadonlyArray<{ literal: boolean; text: string }>): Promise<void> {
    if (parts.length === 0) return;
    await this.exec(sendKeysArgv(this.deps.address, name, parts), { allowNoServer: false });
  }

  /** Several commands (tmuxArgv's *Command builders) in one tmux call, in order. */
  async chain(commands: ReadonlyArray<readonly string[]>): Promise<void> {
    if (commands.length === 0) return;
    await this.exec(chainArgv(this.deps.address, commands), { allowNoServer: false });
  }

  /** Cursor, dead pane, alternate screen and height of the session's pane; undefined when there is no such session. */
  async paneState(
    name: string,
  ): Promise<
    { cursorX: number; cursorY: number; dead: boolean; alternate: boolean; height: number } | undefined
  > {
    const out = await this.exec(paneStateArgv(this.deps.address, name), { allowNoServer: true });
    if (out === undefined) return undefined;
    const [x, y, dead, alternate, height] = out
      .trim()
      .split(' ')
      .map((v) => Number.parseInt(v, 10));
    return {
      cursorX: x ?? 0,
      cursorY: y ?? 0,
      dead: dead === 1,
      alternate: alternate === 1,
      height: height ?? 0,
    };
  }

  /** Returns false when the session did not exist. */
  async killSession(name: string): Promise<boolean> {
    const result = await this.exec(killSessionArgv(this.deps.address, name), { allowNoServer: true });
    return result !== undefined;
  }

  private async exec(argv: string[], opts: { allowNoServer: boolean }): Promise<string | undefined> {
    const result = await this.deps.runner.run(this.deps.tmuxPath, argv, {
      env: tmuxEnvironment(this.deps.env),
      timeoutMs: 10_000,
    });
    if (result.code === 0) return result.stdout;
    if (
      opts.allowNoServer &&
      (NO_SERVER.test(result.stderr) || /can't find session|no such session/.test(result.stderr))
    ) {
      return undefined;
    }
    throw new TmuxCommandError(argv, result.stderr, result.code);
  }
}

function tmuxOptionNames<V>(options: Partial<Record<SessionOptionKey, V>>): Record<string, V> {
  const named: Record<string, V> = {};
  for (const [key, value] of Object.entries(options) as Array<[SessionOptionKey, V]>) {
    named[SESSION_OPTIONS[key]] = value;
  }
  return named;
}
