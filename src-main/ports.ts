/**
 * The edges of the main process. Services receive these as parameters, so tests
 * can hand them real implementations (execFile, node-pty, the disk) or fakes.
 */

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** Exit code; null when the process was killed by a signal. */
  code: number | null;
}

/** Runs a program with an argv array: never a shell string. */
export interface CommandRunner {
  run(
    file: string,
    args: readonly string[],
    options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number },
  ): Promise<CommandResult>;
}

export interface PtyProcess {
  readonly pid: number;
  onData(listener: (data: string) => void): void;
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(signal?: string): void;
}

export interface PtySpawnOptions {
  cols: number;
  rows: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** $TERM for the program in the pty. */
  termName: string;
}

export interface PtySpawner {
  spawn(file: string, args: readonly string[], options: PtySpawnOptions): PtyProcess;
}

/** A long-lived child process spoken to over pipes (a tmux control-mode client): bytes in, bytes out. */
export interface PipeProcess {
  write(data: string): void;
  onStdout(listener: (chunk: Buffer) => void): void;
  /** Called once, after stdout has ended. */
  onExit(listener: (exit: { code: number | null; signal: string | null; error?: string }) => void): void;
  /** Closes stdin (a control client detaches on end of input), then kills it if it lingers. */
  close(): void;
}

export interface PipeSpawner {
  spawn(file: string, args: readonly string[], options: { env: NodeJS.ProcessEnv; cwd: string }): PipeProcess;
}

/** The few filesystem reads the inventory readers need. */
export interface FileReader {
  readText(path: string): Promise<string>;
  /** Entries of a directory; [] when it does not exist. */
  listDir(path: string): Promise<string[]>;
}

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): { cancel(): void };
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Asks the user, outside the renderer, to allow something a compromised page must not be able to turn on
 * by itself (running inventory scripts, ProxyCommands, forwards beyond loopback). Electron answers with a
 * native dialog owned by the main process; serve mode asks on the terminal that runs `muxdeck serve`.
 */
export interface UserConfirmation {
  confirm(request: ConfirmationRequest): Promise<boolean>;
}

export interface ConfirmationRequest {
  /** One short sentence: what will be allowed. */
  message: string;
  /** What exactly (paths, options), one item a line. */
  items: readonly string[];
  /** Why it matters, in a sentence or two. */
  risk: string;
  /** The label of the button that allows it ("Run scripts"). */
  allowLabel: string;
}
